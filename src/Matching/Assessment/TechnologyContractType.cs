namespace Quanzhou.Matching.Assessment;

/// <summary>The technology-contract types of the Civil Code (技术合同), as hinted by <see cref="ContractTypeAdvisor"/>.</summary>
public enum TechnologyContractType
{
    /// <summary>Technology development (技术开发): commissioned or cooperative research and development of something new.</summary>
    Development = 1,

    /// <summary>Technology transfer (技术转让): the rights to a patent or technical secret change hands.</summary>
    Transfer = 2,

    /// <summary>Technology licensing (技术许可): the right to use a patent or technical secret is licensed.</summary>
    License = 3,

    /// <summary>Technology consulting (技术咨询): feasibility studies, assessments, technical advice.</summary>
    Consulting = 4,

    /// <summary>Technology service (技术服务): solving a specific technical problem with know-how — testing, training, on-site support.</summary>
    Service = 5,
}

namespace Quanzhou.Matching;

/// <summary>Who may see a document.</summary>
public enum Visibility
{
    /// <summary>Visible to every tenant of the portal (公开).</summary>
    Public = 0,

    /// <summary>Visible only to callers of the owning tenant (本单位可见).</summary>
    Tenant = 1,

    /// <summary>Confidential (保密): visible only to callers of the owning tenant; never shown to other tenants in any form.</summary>
    Confidential = 2,
}

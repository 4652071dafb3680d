using Lucene.Net.Documents;

namespace Quanzhou.Matching.Indexing;

/// <summary>
/// The one home of the tenant rule for stored documents: which partition a document lives in, which partitions a
/// tenant reads, where a partition lives on disk, and whether a stored document is visible to a tenant.
/// </summary>
/// <remarks>
/// Public documents of every owner live in one partition (<c>public/</c>); each tenant's non-public documents in its own
/// (<c>tenants/&lt;tenant&gt;/</c>). A tenant reads the public partition and its own, so another tenant's private
/// documents can neither appear nor change its term statistics. <see cref="MatchDocument.IsVisibleTo"/> states the same
/// rule for a document that is not (yet) in an index.
/// </remarks>
internal static class TenantPartitioning
{
    /// <summary>The key (and folder name) of the public partition.</summary>
    public const string PublicKey = "public";

    /// <summary>The folder that holds the tenant partitions.</summary>
    public const string TenantsFolder = "tenants";

    private const string TenantPrefix = "tenant:";

    /// <summary>The partition a document is written to.</summary>
    public static string KeyFor(MatchDocument document) =>
        document.Visibility == Visibility.Public ? PublicKey : PrivateKeyOf(document.Tenant);

    /// <summary>The key of a tenant's own (non-public) partition.</summary>
    public static string PrivateKeyOf(string tenant) => TenantPrefix + tenant;

    /// <summary>The partitions a tenant reads, the public one first.</summary>
    public static string[] KeysFor(string tenant) => [PublicKey, PrivateKeyOf(tenant)];

    /// <summary>The tenant whose private partition <paramref name="key"/> is; <see langword="null"/> for the public partition.</summary>
    public static string? TenantOf(string key) => key == PublicKey ? null : key[TenantPrefix.Length..];

    /// <summary>The folder of a partition under an index root.</summary>
    public static string PathFor(string root, string key) =>
        key == PublicKey ? Path.Combine(root, PublicKey) : Path.Combine(root, TenantsFolder, TenantOf(key)!);

    /// <summary>Whether a folder name under <c>tenants/</c> is a valid tenant id.</summary>
    public static bool IsValidTenantFolder(string name)
    {
        try
        {
            DocumentValidation.ValidateId(name, "tenant");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Whether a stored document is visible to <paramref name="tenant"/>: public, or owned by it.</summary>
    public static bool CanSee(Document stored, string tenant) =>
        stored.Get(IndexFields.Visibility) == IndexFields.VisibilityValue(Visibility.Public)
        || string.Equals(stored.Get(IndexFields.Tenant), tenant, StringComparison.Ordinal);
}

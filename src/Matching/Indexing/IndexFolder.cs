namespace Quanzhou.Matching.Indexing;

/// <summary>
/// Checks an index folder's layout before it is opened, so that a damaged layout is an
/// <see cref="IndexCorruptedException"/> and never a silently missing partition.
/// </summary>
internal static class IndexFolder
{
    /// <summary>Creates the root when missing and returns the tenants that have a partition folder.</summary>
    public static string[] Inspect(string root)
    {
        if (File.Exists(root))
        {
            throw Corrupted(root, $"'{root}' is a file, not an index folder (索引路径不是文件夹)");
        }

        Directory.CreateDirectory(root);
        var publicPath = TenantPartitioning.PathFor(root, TenantPartitioning.PublicKey);
        var tenantsRoot = Path.Combine(root, TenantPartitioning.TenantsFolder);
        if (File.Exists(publicPath) || File.Exists(tenantsRoot))
        {
            throw Corrupted(root, $"'{(File.Exists(publicPath) ? publicPath : tenantsRoot)}' is a file where the index keeps a folder (索引结构损坏)");
        }

        if (!Directory.Exists(tenantsRoot))
        {
            return [];
        }

        if (!Directory.Exists(publicPath))
        {
            throw Corrupted(root, $"the public partition '{publicPath}' is missing while tenant partitions exist (公共分区缺失)");
        }

        var unexpected = Directory.GetFiles(tenantsRoot).Select(Path.GetFileName)
            .Concat(Directory.GetDirectories(tenantsRoot).Select(Path.GetFileName).Where(n => !TenantPartitioning.IsValidTenantFolder(n!)))
            .ToArray();
        if (unexpected.Length > 0)
        {
            throw Corrupted(root, $"'{tenantsRoot}' holds entries that are not tenant partitions: {string.Join(", ", unexpected.Take(5))} (租户分区目录含异常条目)");
        }

        return [.. Directory.GetDirectories(tenantsRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }

    private static IndexCorruptedException Corrupted(string root, string what) =>
        new($"The index at '{root}' cannot be opened: {what}. Restore the folder or rebuild it from the source documents.", "open", root);
}

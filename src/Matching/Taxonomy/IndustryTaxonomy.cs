using System.Text.Json;
using Quanzhou.Matching.Analysis;

namespace Quanzhou.Matching.Taxonomy;

/// <summary>
/// An industry taxonomy loaded from versioned JSON data (not code): a tree of clusters and sub-fields with synonyms and
/// keywords. <see cref="Default"/> covers Quanzhou's industrial clusters, new materials, new energy, ICs, biomedicine
/// and future-industry tracks; portals replace it with <see cref="Load"/> or extend it with <see cref="Extend"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class IndustryTaxonomy
{
    private readonly Dictionary<string, TaxonomyNode> _nodes;

    private IndustryTaxonomy(string version, string name, IEnumerable<TaxonomyNode> nodes)
    {
        Version = version;
        Name = name;
        _nodes = new Dictionary<string, TaxonomyNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!_nodes.TryAdd(node.Id, node))
            {
                throw new FormatException($"Taxonomy node id '{node.Id}' appears twice (分类标识重复).");
            }
        }

        foreach (var node in _nodes.Values)
        {
            if (node.ParentId is not null && !_nodes.ContainsKey(node.ParentId))
            {
                throw new FormatException($"Taxonomy node '{node.Id}' names an unknown parent '{node.ParentId}' (上级分类不存在).");
            }
        }
    }

    /// <summary>The shipped default taxonomy.</summary>
    public static IndustryTaxonomy Default { get; } = LoadEmbedded();

    /// <summary>The data version (e.g. <c>2026.11-1</c>).</summary>
    public string Version { get; }

    /// <summary>The taxonomy's name.</summary>
    public string Name { get; }

    /// <summary>All nodes.</summary>
    public IReadOnlyCollection<TaxonomyNode> Nodes => _nodes.Values;

    /// <summary>The top-level clusters.</summary>
    public IReadOnlyList<TaxonomyNode> Clusters => _nodes.Values.Where(n => n.ParentId is null).ToArray();

    /// <summary>Finds a node by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The node, or <see langword="null"/>.</returns>
    public TaxonomyNode? Find(string id) => id is null ? null : _nodes.GetValueOrDefault(id);

    /// <summary>The top-level cluster a node belongs to (itself for a cluster).</summary>
    /// <param name="id">A node id.</param>
    /// <returns>The cluster node.</returns>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public TaxonomyNode ClusterOf(string id)
    {
        var node = Find(id) ?? throw new ArgumentException($"Unknown taxonomy id '{id}'.", nameof(id));
        while (node.ParentId is not null)
        {
            node = _nodes[node.ParentId];
        }

        return node;
    }

    /// <summary>Reads a taxonomy from JSON (<c>{"version", "name", "nodes": [{"id", "name", "parent", "synonyms", "keywords"}]}</c>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The taxonomy.</returns>
    /// <exception cref="FormatException">The JSON is malformed, an id repeats or a parent is unknown.</exception>
    public static IndustryTaxonomy FromJson(string json)
    {
        var (version, name, nodes) = Parse(json);
        return new IndustryTaxonomy(version, name, nodes);
    }

    /// <summary>Returns this taxonomy extended with the nodes of a JSON document (same format; its nodes may name this taxonomy's nodes as parents and replace same-id nodes).</summary>
    /// <param name="json">The extension's JSON text.</param>
    /// <returns>The extended taxonomy, versioned <c>{this}+{extension}</c>.</returns>
    /// <exception cref="FormatException">The JSON is malformed or a parent is unknown.</exception>
    public IndustryTaxonomy Extend(string json)
    {
        var (version, _, nodes) = Parse(json);
        var merged = new Dictionary<string, TaxonomyNode>(_nodes, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            merged[node.Id] = node;
        }

        return new IndustryTaxonomy($"{Version}+{version}", Name, merged.Values);
    }

    private static (string Version, string Name, List<TaxonomyNode> Nodes) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var nodes = root.GetProperty("nodes").EnumerateArray().Select(n => new TaxonomyNode(
                n.GetProperty("id").GetString() ?? throw new FormatException("A taxonomy node has no id."),
                n.GetProperty("name").GetString() ?? string.Empty,
                n.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null,
                Strings(n, "synonyms"),
                Strings(n, "keywords"))).ToList();
            return (
                root.TryGetProperty("version", out var v) ? v.GetString() ?? "unversioned" : "unversioned",
                root.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty,
                nodes);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"The taxonomy JSON is malformed (分类数据格式错误): {ex.Message}", ex);
        }
    }

    /// <summary>Loads a taxonomy file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The taxonomy.</returns>
    public static IndustryTaxonomy Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromJson(File.ReadAllText(path));
    }

    private static string[] Strings(JsonElement node, string name) =>
        node.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => ChineseTextNormalizer.Default.Normalize(x.GetString())).Where(s => s.Length > 0).ToArray()
            : [];

    private static IndustryTaxonomy LoadEmbedded()
    {
        using var reader = new StreamReader(EmbeddedResources.Open("Quanzhou.Matching.Taxonomy.taxonomy.json"));
        return FromJson(reader.ReadToEnd());
    }
}

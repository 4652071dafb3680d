using Microsoft.Extensions.AI;
using Quanzhou.Matching.Embeddings;
using Quanzhou.Matching.Evaluation;
using Quanzhou.Matching.Ranking;

namespace Quanzhou.Matching.EvaluationTool;

/// <summary>
/// Vectors computed anywhere (any model, any language), read from <c>--vectors DIR</c>: <c>corpus.npy</c> +
/// <c>corpus.ids.txt</c> and <c>queries.&lt;split&gt;.npy</c> + <c>queries.&lt;split&gt;.ids.txt</c> (rows aligned with the ids,
/// one id per line). It serves them through the SDK's own seam, an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>:
/// documents are "embedded" by id (<see cref="EmbeddingOptions.DocumentText"/> is the id), queries by their text. So the
/// evaluation runs the same index, candidate and ranking code a portal runs with a live model.
/// </summary>
internal sealed class PrecomputedVectors : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _byKey = new(StringComparer.Ordinal);
    private readonly string _modelId;

    private PrecomputedVectors(string folder, int dimensions)
    {
        Folder = folder;
        Dimensions = dimensions;
        _modelId = "precomputed:" + Path.GetFileName(Path.GetFullPath(folder).TrimEnd('/'));
    }

    public string Folder { get; }

    public int Dimensions { get; }

    /// <summary>Reads the corpus vectors and those of the queries of <paramref name="splits"/> (keyed by query text).</summary>
    public static PrecomputedVectors Load(string folder, IReadOnlyDictionary<string, IReadOnlyList<TrainingQuery>> splits)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"--vectors: folder '{folder}' does not exist");
        }

        var corpus = ReadPair(folder, "corpus");
        var vectors = new PrecomputedVectors(folder, corpus.Matrix.Columns);
        for (var i = 0; i < corpus.Ids.Length; i++)
        {
            vectors._byKey["doc:" + corpus.Ids[i]] = corpus.Matrix.Row(i);
        }

        foreach (var (split, queries) in splits)
        {
            var pair = ReadPair(folder, $"queries.{split}");
            if (pair.Matrix.Columns != vectors.Dimensions)
            {
                throw new FormatException($"--vectors: queries.{split}.npy has {pair.Matrix.Columns} columns, corpus.npy {vectors.Dimensions}");
            }

            var rowOf = pair.Ids.Select((id, row) => (id, row)).ToDictionary(x => x.id, x => x.row, StringComparer.Ordinal);
            foreach (var q in queries)
            {
                if (!rowOf.TryGetValue(q.Id, out var row))
                {
                    throw new FormatException($"--vectors: query '{q.Id}' of split {split} has no row in queries.{split}.ids.txt");
                }

                vectors._byKey["query:" + q.Text] = pair.Matrix.Row(row);
            }
        }

        return vectors;
    }

    /// <summary>The vector of a query of one of the loaded splits.</summary>
    public float[] QueryVector(TrainingQuery query) =>
        _byKey.TryGetValue("query:" + query.Text, out var v) ? v : throw new InvalidOperationException($"no precomputed vector for query {query.Id} in {Folder}");

    /// <summary>The vector of a corpus document.</summary>
    public float[] DocumentVector(string id) =>
        _byKey.TryGetValue("doc:" + id, out var v) ? v : throw new FormatException($"--vectors: document '{id}' has no row in corpus.ids.txt of {Folder}");

    /// <summary>Options for an index served by these vectors: documents keyed by id.</summary>
    public EmbeddingOptions Options() => new(this) { DocumentText = d => "doc:" + d.Id, QueryInstruction = "query:", BatchSize = 4096 };

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var key in values)
        {
            result.Add(new Embedding<float>(_byKey.TryGetValue(key, out var v)
                ? v
                : throw new InvalidOperationException($"no precomputed vector for {(key.Length > 60 ? key[..60] + "…" : key)} in {Folder}")));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("precomputed", null, _modelId, Dimensions)
        : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static (string[] Ids, NpyMatrix Matrix) ReadPair(string folder, string name)
    {
        var idsPath = Path.Combine(folder, name + ".ids.txt");
        var npyPath = Path.Combine(folder, name + ".npy");
        if (!File.Exists(idsPath) || !File.Exists(npyPath))
        {
            throw new FileNotFoundException($"--vectors: {name}.npy and {name}.ids.txt are both needed in {folder}");
        }

        var ids = File.ReadAllLines(idsPath).Where(l => l.Length > 0).ToArray();
        var matrix = NpyMatrix.Read(npyPath);
        return ids.Length == matrix.Rows ? (ids, matrix) : throw new FormatException($"--vectors: {name}.ids.txt has {ids.Length} ids for {matrix.Rows} rows of {name}.npy");
    }
}

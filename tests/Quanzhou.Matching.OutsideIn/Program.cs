using Quanzhou.Matching.Indexing;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Quanzhou.Matching.OutsideIn;

/// <summary>
/// The child process of the cross-process tests: <c>dotnet Quanzhou.Matching.OutsideIn.dll MODE DIR</c>.
/// <list type="bullet">
/// <item><c>hold DIR</c>: opens the index, prints <c>opened</c> and keeps it open until killed or stdin closes.</item>
/// <item><c>try-open DIR</c>: opens the index once; exit 0 when opened, 10 on <see cref="IndexLockedException"/>, 20 otherwise.</item>
/// <item><c>write DIR</c>: opens the index and upserts documents one by one forever, printing <c>acked ID</c> after each returns.</item>
/// <item><c>write-hybrid DIR</c>: the same with an embedding model, five documents per batch, printing <c>acked ID…</c> per batch.</item>
/// </list>
/// </summary>
public static class Program
{
    public const int LockedExitCode = 10;
    public const int OtherFailureExitCode = 20;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: hold|try-open|write|write-hybrid DIR");
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "hold":
                    using (LuceneMatchIndex.Open(args[1]))
                    {
                        Console.WriteLine("opened");
                        await Console.In.ReadToEndAsync();
                    }

                    return 0;
                case "try-open":
                    using (LuceneMatchIndex.Open(args[1]))
                    {
                        Console.WriteLine("opened");
                    }

                    return 0;
                case "write":
                    using (var index = LuceneMatchIndex.Open(args[1]))
                    {
                        Console.WriteLine("opened");
                        var corpus = new Corpus(Environment.ProcessId);
                        for (var i = 0; ; i++)
                        {
                            var id = $"child-{i}";
                            await index.UpsertAsync(corpus.Achievement(id, i % 2 == 0 ? "t-a" : MatchDocument.DefaultTenant, i % 3 == 0 ? Visibility.Tenant : Visibility.Public));
                            Console.WriteLine($"acked {id}");
                        }
                    }

                case "write-hybrid":
                    using (var index = LuceneMatchIndex.Open(args[1], new LuceneMatchIndexOptions { Embeddings = new Embeddings.EmbeddingOptions(new HashingEmbeddingGenerator()) }))
                    {
                        Console.WriteLine("opened");
                        var corpus = new Corpus(Environment.ProcessId);
                        for (var batch = 0; ; batch++)
                        {
                            var documents = Enumerable.Range(batch * 5, 5).Select(i => (MatchDocument)corpus.Achievement($"hybrid-{i}", MatchDocument.DefaultTenant, Visibility.Public)).ToArray();
                            await index.UpsertManyAsync(documents);
                            Console.WriteLine($"acked {string.Join(' ', documents.Select(d => d.Id))}");
                        }
                    }

                default:
                    await Console.Error.WriteLineAsync($"unknown mode {args[0]}");
                    return 2;
            }
        }
        catch (IndexLockedException ex)
        {
            Console.WriteLine($"locked: {ex.Message}");
            return LockedExitCode;
        }
        catch (Exception ex)
        {
            Console.WriteLine($"failed: {ex.GetType().FullName}: {ex.Message}");
            return OtherFailureExitCode;
        }
    }
}

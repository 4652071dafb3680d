using Microsoft.ML;
using Microsoft.ML.Data;

namespace Quanzhou.Matching.Taxonomy;

/// <summary>The class labels of an ML.NET multiclass model, in the order of its <c>Score</c> column's slots.</summary>
internal static class ClassifierLabels
{
    public static string[] Of<TRow>(MLContext ml, ITransformer model)
        where TRow : class
    {
        var schema = model.GetOutputSchema(ml.Data.LoadFromEnumerable(Array.Empty<TRow>()).Schema);
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Quanzhou.Matching.Ranking;

/// <summary>A scoring row: the features of one candidate.</summary>
internal sealed class ScoringRow
{
    public float[] Features { get; set; } = [];
}

internal static class FeatureRowSchemas
{
    public static SchemaDefinition Scoring(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        schema[nameof(ScoringRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static IDataView ToDataView(MLContext ml, IEnumerable<float[]> features, int featureCount) =>
        ml.Data.LoadFromEnumerable(features.Select(f => new ScoringRow { Features = f }), Scoring(featureCount));
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace Quanzhou.Matching.Ranking;

/// <summary>A training row: one candidate of one query.</summary>
internal sealed class TrainingRow
{
    public float Label { get; set; }

    public uint GroupId { get; set; }

    public float[] Features { get; set; } = [];
}

/// <summary>A scoring row: the features of one candidate.</summary>
internal sealed class ScoringRow
{
    public float[] Features { get; set; } = [];
}

internal static class FeatureRowSchemas
{
    public static SchemaDefinition Training(int featureCount, int groupCount)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        schema[nameof(TrainingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(1, groupCount));
        return schema;
    }

    public static SchemaDefinition Scoring(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        schema[nameof(ScoringRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    public static IDataView ToDataView(MLContext ml, IEnumerable<float[]> features, int featureCount) =>
        ml.Data.LoadFromEnumerable(features.Select(f => new ScoringRow { Features = f }), Scoring(featureCount));
}

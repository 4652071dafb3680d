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

internal static class TrainingRowSchema
{
    public static SchemaDefinition Create(int featureCount, int groupCount)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        schema[nameof(TrainingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(1, groupCount));
        return schema;
    }
}

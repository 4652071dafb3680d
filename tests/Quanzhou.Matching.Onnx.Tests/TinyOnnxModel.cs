using System.Text;

namespace Quanzhou.Matching.Onnx.Tests;

/// <summary>
/// Writes tiny ONNX graphs (the protobuf by hand, no tooling) whose "hidden states" are the token ids themselves,
/// <c>[batch, sequence, 1]</c>: mean pooling then gives the mean id of the real tokens and CLS pooling the
/// <c>[CLS]</c> id, so the generator's signature handling, padding and masking can be checked exactly.
/// </summary>
internal static class TinyOnnxModel
{
    private const int Float = 1;
    private const int Int32 = 6;
    private const int Int64 = 7;

    /// <summary>Inputs <paramref name="inputs"/> ([batch, sequence] or a fixed length); output Unsqueeze(Cast(input_ids)) named <paramref name="output"/>.</summary>
    public static void WriteHiddenStates(string path, string[] inputs, bool int32 = false, bool dynamicHidden = false,
        int? fixedSequence = null, string output = "last_hidden_state")
    {
        var graph = new Proto()
            .Message(1, Node("Cast", ["input_ids"], ["ids_float"], new Proto().String(1, "to").Varint(20, 2).Varint(3, Float)))
            .Message(1, Node("Unsqueeze", ["ids_float"], [output], new Proto().String(1, "axes").Varint(20, 7).Varint(8, 2)))
            .String(2, "tiny");
        foreach (var input in inputs)
        {
            graph.Message(11, ValueInfo(input, int32 ? Int32 : Int64, Dim("batch"), fixedSequence is { } f ? Dim(f) : Dim("sequence")));
        }

        graph.Message(12, ValueInfo(output, Float, Dim("batch"), Dim("sequence"), dynamicHidden ? Dim("hidden") : Dim(1)));
        Write(path, graph);
    }

    /// <summary>Inputs input_ids and attention_mask; one pooled output <c>[batch, 1]</c>: the largest id of each row.</summary>
    public static void WritePooled(string path)
    {
        var graph = new Proto()
            .Message(1, Node("Cast", ["input_ids"], ["ids_float"], new Proto().String(1, "to").Varint(20, 2).Varint(3, Float)))
            .Message(1, Node("ReduceMax", ["ids_float"], ["sentence_embedding"],
                new Proto().String(1, "axes").Varint(20, 7).Varint(8, 1), new Proto().String(1, "keepdims").Varint(20, 2).Varint(3, 1)))
            .String(2, "tiny")
            .Message(11, ValueInfo("input_ids", Int64, Dim("batch"), Dim("sequence")))
            .Message(11, ValueInfo("attention_mask", Int64, Dim("batch"), Dim("sequence")))
            .Message(12, ValueInfo("sentence_embedding", Float, Dim("batch"), Dim(1)));
        Write(path, graph);
    }

    private static void Write(string path, Proto graph)
    {
        // ir_version 7, opset 11 (Unsqueeze and ReduceMax take their axes as attributes there).
        var model = new Proto().Varint(1, 7).Message(8, new Proto().Varint(2, 11)).Message(7, graph);
        File.WriteAllBytes(path, model.ToArray());
    }

    private static Proto Node(string op, string[] inputs, string[] outputs, params Proto[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, op + "_" + outputs[0]).String(4, op);
        foreach (var attribute in attributes)
        {
            node.Message(5, attribute);
        }

        return node;
    }

    private static Proto ValueInfo(string name, int elementType, params Proto[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            shape.Message(1, dim);
        }

        var tensor = new Proto().Varint(1, elementType).Message(2, shape);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensor));
    }

    private static Proto Dim(long value) => new Proto().Varint(1, value);

    private static Proto Dim(string parameter) => new Proto().String(2, parameter);

    /// <summary>Just enough of the protobuf wire format: varints and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, long value)
        {
            WriteVarint((ulong)(field << 3));
            WriteVarint((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public byte[] ToArray() => _bytes.ToArray();

        private Proto Bytes(int field, byte[] value)
        {
            WriteVarint((ulong)((field << 3) | 2));
            WriteVarint((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}

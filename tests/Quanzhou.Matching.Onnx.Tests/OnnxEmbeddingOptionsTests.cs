namespace Quanzhou.Matching.Onnx.Tests;

public sealed class OnnxEmbeddingOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new OnnxEmbeddingOptions();

        Assert.Equal(OnnxPooling.Mean, options.Pooling);
        Assert.True(options.Normalize);
        Assert.Equal(512, options.MaxSequenceLength);
        Assert.Equal(16, options.BatchSize);
        Assert.Null(options.IntraOpThreads);
        Assert.True(options.LowerCase);
        Assert.Null(options.ModelId);
        Assert.Equal(string.Empty, options.ModelPath);
    }

    [Fact]
    public void Setters_OutOfRangeValues_Throw()
    {
        var options = new OnnxEmbeddingOptions();

        Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxSequenceLength = 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.BatchSize = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.IntraOpThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.Pooling = (OnnxPooling)7);
        Assert.Throws<ArgumentException>(() => options.ModelId = " ");

        options.MaxSequenceLength = 2;
        options.IntraOpThreads = null;
        options.ModelId = null;
        Assert.Equal(2, options.MaxSequenceLength);
    }
}

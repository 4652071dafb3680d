using Lucene.Net.Store;

namespace Quanzhou.Matching.Tests.Reliability;

/// <summary>A Lucene directory that fails on demand: writes ("disk full") and/or fsync.</summary>
internal sealed class FaultyDirectory(Lucene.Net.Store.Directory inner) : FilterDirectory(inner)
{
    public volatile bool FailWrites;
    public volatile bool FailSync;

    public override IndexOutput CreateOutput(string name, IOContext context)
    {
        ThrowIfWriteFails(name);
        return new FaultyOutput(base.CreateOutput(name, context), this, name);
    }

    public override void Sync(ICollection<string> names)
    {
        if (FailSync)
        {
            throw new IOException("fsync failed (injected)");
        }

        base.Sync(names);
    }

    internal void ThrowIfWriteFails(string name)
    {
        if (FailWrites)
        {
            throw new IOException($"No space left on device (injected) writing {name}");
        }
    }

    private sealed class FaultyOutput(IndexOutput inner, FaultyDirectory owner, string name) : IndexOutput
    {
        public override long Position => inner.Position;

        public override long Checksum => inner.Checksum;

        public override long Length => inner.Length;

        public override void WriteByte(byte b)
        {
            owner.ThrowIfWriteFails(name);
            inner.WriteByte(b);
        }

        public override void WriteBytes(byte[] b, int offset, int length)
        {
            owner.ThrowIfWriteFails(name);
            inner.WriteBytes(b, offset, length);
        }

        public override void Flush()
        {
            owner.ThrowIfWriteFails(name);
            inner.Flush();
        }

        [Obsolete("Only for the abstract member; Lucene does not call it for these files.")]
        public override void Seek(long pos) => inner.Seek(pos);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
        }
    }
}

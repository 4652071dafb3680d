namespace Quanzhou.Matching.Serialization;

/// <summary>
/// Splits a byte stream into lines (CR, LF or CR LF, as <see cref="TextReader.ReadLine"/> does) without decoding them,
/// so each line can be decoded strictly and a bad byte reported with its line number. A leading UTF-8 byte order mark
/// is dropped.
/// </summary>
internal static class Utf8LineReader
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    public static IEnumerable<(int LineNumber, byte[] Bytes)> ReadLines(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        using var pending = new MemoryStream();
        var lineNumber = 0;
        var first = true;
        var skipLf = false; // the previous chunk ended with CR: an LF at the start of this one belongs to it
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            // A file stream returns at least the first three bytes of a longer file on the first read.
            var start = first && buffer.AsSpan(0, read).StartsWith(Bom) ? Bom.Length : 0;
            first = false;
            if (skipLf && buffer[start] == (byte)'\n')
            {
                start++;
            }

            skipLf = false;
            while (start < read)
            {
                var end = buffer.AsSpan(start, read - start).IndexOfAny((byte)'\r', (byte)'\n');
                if (end < 0)
                {
                    pending.Write(buffer, start, read - start);
                    break;
                }

                pending.Write(buffer, start, end);
                yield return (++lineNumber, pending.ToArray());
                pending.SetLength(0);
                var at = start + end;
                start = at + 1;
                if (buffer[at] == (byte)'\r')
                {
                    if (start < read)
                    {
                        start += buffer[start] == (byte)'\n' ? 1 : 0;
                    }
                    else
                    {
                        skipLf = true;
                    }
                }
            }
        }

        if (pending.Length > 0)
        {
            yield return (++lineNumber, pending.ToArray());
        }
    }
}

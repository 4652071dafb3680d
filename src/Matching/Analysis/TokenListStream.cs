using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Quanzhou.Matching.Analysis;

/// <summary>Replays already analysed tokens to Lucene, so a document is analysed once for indexing, storing and features.</summary>
internal sealed class TokenListStream : TokenStream
{
    private readonly IReadOnlyList<AnalyzedToken> _tokens;
    private readonly int _finalOffset;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private int _next;

    public TokenListStream(IReadOnlyList<AnalyzedToken> tokens, int finalOffset)
    {
        _tokens = tokens;
        _finalOffset = finalOffset;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (_next >= _tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var token = _tokens[_next++];
        _term.SetEmpty().Append(token.Term);
        _offset.SetOffset(token.StartOffset, token.EndOffset);
        _position.PositionIncrement = 1;
        return true;
    }

    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    public override void Reset()
    {
        base.Reset();
        _next = 0;
    }
}

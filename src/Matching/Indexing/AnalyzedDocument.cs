namespace Quanzhou.Matching.Indexing;

/// <summary>A document with its text analysed once: the tokens feed the index, the stored token fields and the ranking features.</summary>
internal sealed record AnalyzedDocument(MatchDocument Document, string NormalizedText, List<AnalyzedToken> Words, List<AnalyzedToken> Bigrams);

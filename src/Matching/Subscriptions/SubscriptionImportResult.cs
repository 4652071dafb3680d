namespace Quanzhou.Matching.Subscriptions;

/// <summary>The outcome of <see cref="SubscriptionRegistry.ImportAsync"/>: how many subscriptions were registered and which lines were rejected.</summary>
/// <param name="Imported">How many lines were registered (a line with an existing id replaces it).</param>
/// <param name="Errors">One message per rejected line, each starting with <c>line N:</c>.</param>
public sealed record SubscriptionImportResult(int Imported, IReadOnlyList<string> Errors);

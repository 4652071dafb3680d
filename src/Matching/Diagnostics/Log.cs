using Microsoft.Extensions.Logging;

namespace Quanzhou.Matching.Diagnostics;

/// <summary>Log messages with stable event ids (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Opened index '{IndexName}' at {Path}: {Documents} documents, ranker {Ranker}")]
    public static partial void IndexOpened(ILogger logger, string indexName, string path, int documents, string ranker);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Warm-up of Quanzhou.Matching finished in {ElapsedMs:0} ms")]
    public static partial void WarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Closed index '{IndexName}'")]
    public static partial void IndexClosed(ILogger logger, string indexName);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Index '{IndexName}' {Operation}: {Accepted} accepted, {Rejected} rejected in {ElapsedMs:0.0} ms")]
    public static partial void Written(ILogger logger, string indexName, string operation, int accepted, int rejected, double elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Index '{IndexName}' {Operation} failed; the index is at its last commit")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string indexName, string operation);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Closing index '{IndexName}' failed")]
    public static partial void CloseFailed(ILogger logger, Exception exception, string indexName);
}

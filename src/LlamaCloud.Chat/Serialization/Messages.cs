using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// What the readers say about a document they cannot read (the messages of <see cref="InvalidSessionJsonException"/>)
    /// and about broken promises between the readers' own parts, built here so that the words live in one place.
    /// </summary>
    internal static class Messages
    {
        /// <summary>A whole body of nothing but whitespace.</summary>
        internal static string EmptyBody() => "The response body is empty.";

        /// <summary>Text after the session object's closing brace.</summary>
        internal static string DataAfterSession() => "The response has unexpected data after the end of the session.";

        /// <summary>The body ended inside the session object.</summary>
        internal static string Truncated() => "The response body ended before the session was complete (truncated).";

        /// <summary>The reader refused a value of the wrong kind (its own message in parentheses).</summary>
        internal static string NotASession(string readerMessage) => $"The response could not be read as a session ({readerMessage})";

        /// <summary>Malformed JSON outside the events array; <paramref name="where"/> is the reader's message and position.</summary>
        internal static string InvalidJson(string where) => $"The response is not valid JSON ({where})";

        /// <summary>The top-level value is not an object.</summary>
        internal static string ExpectedSessionObject(JsonTokenType got) => $"Expected a JSON object for the session, got {Describe(got)}.";

        /// <summary>The session's <c>events</c> member is not an array.</summary>
        internal static string ExpectedEventsArray(JsonTokenType got) => $"Expected 'events' to be an array, got {Describe(got)}.";

        /// <summary>Something other than ',' or ']' after an event in the array.</summary>
        internal static string InvalidAfterEvent(byte found, int previousEvent, long bodyOffset) =>
            $"The response is not valid JSON ({DescribeByte(found)} follows event {previousEvent}, where ',' or ']' was expected, at byte {bodyOffset} of the body)";

        /// <summary>Malformed JSON inside one event; <paramref name="lead"/> is the first sentence of the reader's message.</summary>
        internal static string InvalidEvent(int index, long startsAt, string lead) =>
            $"The response is not valid JSON (event {index}, which starts at byte {startsAt} of the body: {lead})";

        /// <summary>The reader's first sentence and where in the body the error lies (the body's own offset).</summary>
        internal static string AtBodyByte(string lead, long bodyOffset) => $"{lead}, at byte {bodyOffset} of the body";

        /// <summary>The reader's first sentence and its own position text ("BytePositionInLine: 3").</summary>
        internal static string AtReaderPosition(string lead, string position) => lead + ", at " + position;

        /// <summary>A misspelled literal's quote, shortened to its start.</summary>
        internal static string ShortenedQuote(string start, string rest) => start + "..." + rest;

        /// <summary>A lazily kept history given a span instead of append-only buffers (a bug in the caller).</summary>
        internal static string LazyHistoryNeedsBuffers() =>
            "A lazily kept history is read from append-only buffers: Read(AppendOnlyBuffer, int, bool).";

        /// <summary>A lazily kept history built without the buffers that hold the body (a bug in the caller).</summary>
        internal static string LazyHistoryNeedsOwner() => "A lazily kept history needs the body in append-only buffers.";

        /// <summary>A kept event whose bytes no longer read as the event they were scanned as (a bug).</summary>
        internal static string EventNotRebuilt(int index, string? sessionId) => $"Event {index} of session '{sessionId}' could not be rebuilt.";

        /// <summary>An event the scanner passed that the reader then refused (a bug).</summary>
        internal static string EventUnreadAfterScan() => "An event could not be read after its scan.";

        /// <summary>An append to a full buffer (a bug in the caller).</summary>
        internal static string BufferFull() => "The buffer is full.";

        /// <summary>A byte pattern without an anchor (a bug in the caller).</summary>
        internal static string EmptyAnchor() => "An anchor is empty.";

        private static string DescribeByte(byte b) =>
            b > 0x20 && b < 0x7f ? $"'{(char)b}'" : $"byte 0x{b:X2}";

        private static string Describe(JsonTokenType t) => t switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => t.ToString(),
        };
    }
}

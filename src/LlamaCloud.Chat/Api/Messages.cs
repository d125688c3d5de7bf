using System;
using System.Globalization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// What the chat API layer says to the user: answers it cannot read, ids it cannot send, a turn's stream that
    /// failed, and the progress title of a download, built here so that the words live in one place.
    /// </summary>
    internal static class Messages
    {
        /// <summary>The progress title of a session's download.</summary>
        internal static string SessionDownload(string sessionId) => $"session '{sessionId}'";

        /// <summary>An empty session id, caught before any request.</summary>
        internal static string SessionIdEmpty() => "The session id is empty.";

        /// <summary>A session id that escaping cannot keep in one path segment.</summary>
        internal static string SessionIdNotOneSegment(string sessionId) => $"The session id '{sessionId}' cannot be sent as a single URL path segment.";

        /// <summary>An empty attachment name, caught before any request.</summary>
        internal static string AttachmentNameEmpty() => "The attachment name is empty.";

        /// <summary>A key that would travel in clear text (<paramref name="hop"/> says where).</summary>
        internal static string UnencryptedKey(string hop) =>
            $"Refusing to send the API key over unencrypted http to {hop}. Use an https -BaseUri, or pass -AllowUnencryptedAuthentication if you accept the risk.";

        /// <summary>A page of sessions that is not an object.</summary>
        internal static string SessionPageNotObject() => "Expected a JSON object for the page of sessions.";

        /// <summary>A page of sessions whose <c>items</c> is not an array.</summary>
        internal static string SessionPageItemsNotArray() => "Expected 'items' to be an array.";

        /// <summary>A page of sessions that is not JSON (the reader's message).</summary>
        internal static string SessionPageInvalidJson(string problem) => "The page of sessions is not valid JSON: " + problem;

        /// <summary>A page of sessions the reader refused (its message).</summary>
        internal static string SessionPageUnreadable(string problem) => "The page of sessions could not be read: " + problem;

        /// <summary>A page of attachments that is not an object.</summary>
        internal static string AttachmentPageNotObject() => "Expected a JSON object for the page of attachments.";

        /// <summary>An attachment in a page without a name.</summary>
        internal static string AttachmentWithoutName() => "An attachment in the list has no name.";

        /// <summary>A page of attachments without <c>items</c>.</summary>
        internal static string AttachmentPageWithoutItems() => "Expected 'items' in the page of attachments.";

        /// <summary>A page of attachments that is not JSON (the reader's message).</summary>
        internal static string AttachmentPageInvalidJson(string problem) => "The page of attachments is not valid JSON: " + problem;

        /// <summary>An answer to the presigned URL request without an absolute http(s) URL.</summary>
        internal static string PresignedUrlMissing() => "Expected a presigned URL (an absolute http(s) 'url').";

        /// <summary>An answer to the presigned URL request that is not JSON (the reader's message).</summary>
        internal static string PresignedUrlInvalidJson(string problem) => "The presigned URL answer is not valid JSON: " + problem;

        /// <summary>A turn answered with JSON or HTML instead of an event stream.</summary>
        internal static string ExpectedEventStream(string mediaType) => $"Expected an event stream (text/event-stream), got {mediaType}.";

        /// <summary>-Debug after a turn: how many keep-alive comments its stream carried.</summary>
        internal static string KeepAliveComments(string sessionId, int comments) =>
            $"Session '{sessionId}': {comments.ToString(CultureInfo.InvariantCulture)} keep-alive comments in the stream.";

        /// <summary>-Verbose for a stream message that carried no event (its redacted start).</summary>
        internal static string SkippedStreamMessage(string sessionId, string? start) =>
            $"Session '{sessionId}': skipped a stream message without an event ({start}).";

        /// <summary>The stream's error event ended a turn.</summary>
        internal static string TurnFailedInStream(string sessionId, int delivered, string words) =>
            $"Session '{sessionId}': the chat turn failed: the server reported an error in the turn's stream after {delivered.ToString(CultureInfo.InvariantCulture)} event{(delivered == 1 ? string.Empty : "s")}: {TextSummary.OneLine(words, 500)}";

        /// <summary>A turn's stream that stopped before its stop event; <paramref name="cause"/> says how.</summary>
        internal static string StreamInterrupted(string sessionId, int delivered, string cause) =>
            $"Session '{sessionId}': the chat turn's stream was interrupted after {delivered.ToString(CultureInfo.InvariantCulture)} event{(delivered == 1 ? string.Empty : "s")} ({cause}). The turn was not sent again: it may have completed on the server; Get-LlamaChatSession -Id '{sessionId}' shows what it recorded.";

        /// <summary>The cause of an interruption: nothing arrived for the idle limit.</summary>
        internal static string StreamIdle(TimeSpan limit) => $"nothing arrived for {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

        /// <summary>The cause of an interruption: the connection broke (the redacted reason).</summary>
        internal static string StreamBroke(string? reason) => "the connection broke: " + reason;

        /// <summary>The cause of an interruption: the stream ended (with [DONE] or without) before the stop event.</summary>
        internal static string StreamEndedWithoutStop(bool done) =>
            done ? "the stream ended ([DONE]) without the turn's stop event" : "the stream ended without the turn's stop event";

        /// <summary>What a turn's error says when the server gave no words for it.</summary>
        internal static string NoServerMessage() => "(the server gave no message)";
    }
}

using System;
using System.Net.Http;

namespace LlamaCloud.Chat.Http
{
    /// <summary>
    /// What one request is: method, address, body, what it accepts, and whether sending it twice is harmless.
    /// The retry loop takes its rules from here (<see cref="RetryRules"/>), so a chat turn, which runs the agent
    /// each time it is sent, is never re-sent the way a GET is.
    /// </summary>
    internal sealed class RequestSpec
    {
        private RequestSpec(HttpMethod method, Uri uri, string? sessionId, bool idempotent, byte[]? body, string accept,
            string contentType = "application/json; charset=utf-8", string? contentEncoding = null, string? note = null, string? shownUri = null)
        {
            _shownUri = shownUri;
            Method = method;
            Uri = uri;
            SessionId = sessionId;
            Idempotent = idempotent;
            Body = body;
            Accept = accept;
            ContentType = contentType;
            ContentEncoding = contentEncoding;
            Note = note;
        }

        internal HttpMethod Method { get; }
        internal Uri Uri { get; }
        /// <summary>The session the request is about, named in its errors; null for project-wide requests.</summary>
        internal string? SessionId { get; }
        /// <summary>True when repeating the request cannot change the outcome (GET, DELETE).</summary>
        internal bool Idempotent { get; }
        /// <summary>The body to send, or null for none; the same bytes on every attempt.</summary>
        internal byte[]? Body { get; }
        internal string Accept { get; }
        /// <summary>The body's media type.</summary>
        internal string ContentType { get; }
        /// <summary>The body's Content-Encoding (gzip), or null.</summary>
        internal string? ContentEncoding { get; }
        /// <summary>What -Verbose says of the request besides its attempt ("12,345 bytes, headers Authorization"), or null.</summary>
        internal string? Note { get; }

        /// <summary>"GET /api/v1/chat/x?project_id=..": what -Verbose and error records show (never credentials).</summary>
        internal string Display => Method.Method + " " + (_shownUri ?? Uri.GetLeftPart(UriPartial.Authority) + Uri.PathAndQuery);

        private readonly string? _shownUri;

        internal static RequestSpec Get(Uri uri, string? sessionId) =>
            new RequestSpec(HttpMethod.Get, uri, sessionId, idempotent: true, null, "application/json");

        internal static RequestSpec Delete(Uri uri, string sessionId) =>
            new RequestSpec(new HttpMethod("DELETE"), uri, sessionId, idempotent: true, null, "application/json");

        /// <summary>A POST: never idempotent here (creating a session twice makes two; a turn twice runs twice).</summary>
        internal static RequestSpec Post(Uri uri, string? sessionId, byte[] jsonBody, string accept = "application/json") =>
            new RequestSpec(HttpMethod.Post, uri, sessionId, idempotent: false, jsonBody, accept);

        /// <summary>A download from a URL that authorizes itself (presigned): shown as <paramref name="shownUri"/>, never with its query.</summary>
        internal static RequestSpec Download(Uri uri, string accept, string shownUri) =>
            new RequestSpec(HttpMethod.Get, uri, null, idempotent: true, null, accept, shownUri: shownUri);

        /// <summary>An export: a body sent as it is (already encoded), retried by its API's rules.</summary>
        internal static RequestSpec Export(Uri uri, byte[] body, string contentType, string? contentEncoding, string note) =>
            new RequestSpec(HttpMethod.Post, uri, null, idempotent: false, body, "application/json", contentType, contentEncoding, note);
    }
}

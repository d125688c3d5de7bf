using System;
using System.Collections.Generic;
using System.Text;

namespace LlamaCloud.Chat.Api
{
    /// <summary>Builds request URIs. A session id always becomes exactly one escaped path segment.</summary>
    internal static class ChatApiPaths
    {
        internal const string ChatRoot = "api/v1/chat";

        /// <summary>Escapes an id as one path segment: nothing in it can add segments, a query or a fragment.</summary>
        internal static string EscapeSegment(string id)
        {
            var escaped = Uri.EscapeDataString(id);
            // "." and ".." are unreserved, so EscapeDataString keeps them, but a URI would resolve them as dot-segments.
            if (escaped == "." || escaped == "..") escaped = escaped.Replace(".", "%2E");
            return escaped;
        }

        internal static Uri Build(Uri baseUri, string relativePath, IEnumerable<KeyValuePair<string, string?>> query)
        {
            var sb = new StringBuilder(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
            sb.Append('/').Append(relativePath);
            var first = true;
            foreach (var kv in query)
            {
                if (kv.Value == null) continue;
                sb.Append(first ? '?' : '&').Append(Uri.EscapeDataString(kv.Key)).Append('=').Append(Uri.EscapeDataString(kv.Value));
                first = false;
            }
            return new Uri(sb.ToString(), UriKind.Absolute);
        }

        /// <summary>The session's path, checked to have survived URI parsing as one segment.</summary>
        internal static string SessionPath(Uri baseUri, string sessionId, string? suffix)
        {
            if (string.IsNullOrEmpty(sessionId))
            {
                // An empty segment would address the list endpoint instead of a session.
                throw new LlamaCloudException(Messages.SessionIdEmpty(), ErrorIds.InvalidSessionId,
                    System.Management.Automation.ErrorCategory.InvalidArgument) { SessionId = sessionId };
            }
            var segment = EscapeSegment(sessionId);
            var path = ChatRoot + "/" + segment + (suffix == null ? string.Empty : "/" + suffix);
            var probe = Build(baseUri, path, Array.Empty<KeyValuePair<string, string?>>());
            var expectedEnd = "/" + path;
            if (!probe.AbsolutePath.EndsWith(expectedEnd, StringComparison.Ordinal))
            {
                throw new LlamaCloudException(
                    Messages.SessionIdNotOneSegment(sessionId),
                    ErrorIds.InvalidSessionId, System.Management.Automation.ErrorCategory.InvalidArgument) { SessionId = sessionId };
            }
            return path;
        }
    }
}

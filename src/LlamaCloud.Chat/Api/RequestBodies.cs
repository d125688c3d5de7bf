using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace LlamaCloud.Chat.Api
{
    /// <summary>The JSON bodies the module sends, written exactly as the API reference shapes them.</summary>
    internal static class RequestBodies
    {
        /// <summary>POST /api/v1/chat: <c>{"index_ids":[...]}</c>, or <c>{}</c> for an unbound session (as the SDK sends).</summary>
        internal static byte[] CreateSession(IReadOnlyList<string>? indexIds, string? sharedAccess = null) => Write(w =>
        {
            w.WriteStartObject();
            if (indexIds != null) WriteStrings(w, "index_ids", indexIds);
            if (sharedAccess != null) w.WriteString("shared_access", sharedAccess);
            w.WriteEndObject();
        });

        /// <summary>POST .../title: <c>{"first_message":"..."}</c>.</summary>
        internal static byte[] Title(string firstMessage) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("first_message", firstMessage);
            w.WriteEndObject();
        });

        /// <summary>POST .../messages/stream: prompt, index_ids (required, may be empty), require_all_indexes only when given.</summary>
        internal static byte[] Turn(string prompt, IReadOnlyList<string> indexIds, bool? requireAllIndexes) => Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("prompt", prompt);
            WriteStrings(w, "index_ids", indexIds);
            if (requireAllIndexes.HasValue) w.WriteBoolean("require_all_indexes", requireAllIndexes.Value);
            w.WriteEndObject();
        });

        private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        private static byte[] Write(System.Action<Utf8JsonWriter> write)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) write(w);
            return ms.ToArray();
        }
    }
}

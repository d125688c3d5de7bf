using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// Writes a session back in the API's own JSON shape. Events that arrived with anything the typed fields do
    /// not capture are written from their original JSON; payloads are always written from their original bytes.
    /// So reading the file back gives the same objects, unknown events included.
    /// </summary>
    internal static class SessionWriter
    {
        internal static void Write(Stream stream, ChatSession session, bool indented)
        {
            using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, SkipValidation = false });
            w.WriteStartObject();
            w.WriteString("session_id", session.SessionId);
            if (session.LastUpdatedAtText != null || session.LastUpdatedAt != default)
            {
                w.WriteString("last_updated_at", session.LastUpdatedAtText
                    ?? session.LastUpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
            }
            WriteNullableString(w, "generated_title", session.GeneratedTitle);
            WriteStrings(w, "index_ids", session.IndexIds);
            if (session.JobMetadata == null) w.WriteNull("job_metadata");
            else WriteJobMetadata(w, session.JobMetadata);
            if (session.ExtraFields != null)
            {
                foreach (var f in session.ExtraFields)
                {
                    w.WritePropertyName(f.Key);
                    w.WriteRawValue(f.Value, skipInputValidation: true);
                }
            }
            w.WritePropertyName("events");
            w.WriteStartArray();
            foreach (var e in session.Events ?? (IReadOnlyList<ChatEvent>)System.Array.Empty<ChatEvent>()) WriteEvent(w, e);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        internal static void WriteEvent(Utf8JsonWriter w, ChatEvent e)
        {
            if (e.SourceJson != null)
            {
                w.WriteRawValue(e.SourceJson, skipInputValidation: true);
                return;
            }
            w.WriteStartObject();
            switch (e)
            {
                case ContentEvent c:
                    WriteNullableString(w, "content", c.Content);
                    break;
                case ToolCallEvent t:
                    WriteNullableString(w, "call_id", t.CallId);
                    WriteNullableString(w, "name", t.Name);
                    if (t.ArgumentsPayload != null) { w.WritePropertyName("arguments"); w.WriteRawValue(t.ArgumentsPayload.Utf8, true); }
                    break;
                case ToolResultEvent r:
                    WriteNullableString(w, "call_id", r.CallId);
                    WriteNullableString(w, "name", r.Name);
                    if (r.ResultPayload != null) { w.WritePropertyName("result"); w.WriteRawValue(r.ResultPayload.Utf8, true); }
                    if (r.ImageAttachment == null) w.WriteNull("image_attachment");
                    else
                    {
                        w.WriteStartObject("image_attachment");
                        WriteNullableString(w, "attachment_name", r.ImageAttachment.AttachmentName);
                        WriteNullableString(w, "source_id", r.ImageAttachment.SourceId);
                        w.WriteEndObject();
                    }
                    break;
                case StopEvent s:
                    WriteNullableString(w, "error", s.Error);
                    w.WriteBoolean("is_error", s.IsError);
                    if (s.Usage == null) w.WriteNull("usage");
                    else
                    {
                        w.WriteStartObject("usage");
                        WriteNumber(w, "duration_ms", s.Usage.DurationMs);
                        WriteNumber(w, "total_input_tokens", s.Usage.TotalInputTokens);
                        WriteNumber(w, "total_output_tokens", s.Usage.TotalOutputTokens);
                        WriteNumber(w, "turns", s.Usage.Turns);
                        w.WriteEndObject();
                    }
                    break;
            }
            w.WriteString("type", e.Type);
            w.WriteEndObject();
        }

        private static void WriteJobMetadata(Utf8JsonWriter w, JobMetadata m)
        {
            if (m.SourceJson != null)
            {
                w.WritePropertyName("job_metadata");
                w.WriteRawValue(m.SourceJson, skipInputValidation: true);
                return;
            }
            w.WriteStartObject("job_metadata");
            if (m.DurationMs.HasValue) w.WriteNumber("duration_ms", m.DurationMs.Value);
            if (m.Error != null || m.IsError.HasValue) WriteNullableString(w, "error", m.Error);
            if (m.ExportConfigIds != null) WriteStrings(w, "export_config_ids", m.ExportConfigIds);
            if (m.IsError.HasValue) w.WriteBoolean("is_error", m.IsError.Value);
            if (m.TotalInputTokens.HasValue) w.WriteNumber("total_input_tokens", m.TotalInputTokens.Value);
            if (m.TotalOutputTokens.HasValue) w.WriteNumber("total_output_tokens", m.TotalOutputTokens.Value);
            if (m.Turns.HasValue) w.WriteNumber("turns", m.Turns.Value);
            w.WriteEndObject();
        }

        private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
        {
            if (value == null) w.WriteNull(name);
            else w.WriteString(name, value);
        }

        private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
        {
            if (values == null)
            {
                w.WriteNull(name);
                return;
            }
            w.WriteStartArray(name);
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
            else w.WriteNull(name);
        }

        private static void WriteNumber(Utf8JsonWriter w, string name, long? value)
        {
            if (value.HasValue) w.WriteNumber(name, value.Value);
            else w.WriteNull(name);
        }
    }
}

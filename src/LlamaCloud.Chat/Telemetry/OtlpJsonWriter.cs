using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Writes OTLP/JSON as the OTLP specification defines it: proto3 JSON with lowerCamelCase keys, trace and span
    /// ids as hex strings, enums as integers, 64-bit integers as decimal strings, attributes as
    /// <c>{key, value: {stringValue | intValue | doubleValue | boolValue}}</c>.
    /// </summary>
    internal static class OtlpJsonWriter
    {
        // Relaxed escaping: non-ASCII text and quotes stay readable (the output is JSON for collectors, never embedded in HTML).
        internal static readonly JsonWriterOptions Options = new JsonWriterOptions
        {
            Indented = false,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        /// <summary>One <c>ResourceSpans</c> object: the session's resource, scope and spans.</summary>
        internal static byte[] ResourceSpans(IReadOnlyList<KeyValuePair<string, object>> resource, string scopeVersion, IReadOnlyList<TraceSpan> spans)
        {
            var buffer = new System.IO.MemoryStream(4096);
            using (var w = new Utf8JsonWriter(buffer, Options))
            {
                w.WriteStartObject();
                w.WriteStartObject("resource");
                WriteAttributes(w, resource);
                w.WriteEndObject();
                w.WriteStartArray("scopeSpans");
                w.WriteStartObject();
                w.WriteStartObject("scope");
                w.WriteString("name", TraceConventions.ScopeName);
                w.WriteString("version", scopeVersion);
                w.WriteEndObject();
                w.WriteStartArray("spans");
                foreach (var s in spans) WriteSpan(w, s);
                w.WriteEndArray();
                w.WriteString("schemaUrl", TraceConventions.SchemaUrl);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteString("schemaUrl", TraceConventions.SchemaUrl);
                w.WriteEndObject();
            }
            return buffer.ToArray();
        }

        /// <summary>
        /// A <c>TracesData</c> document (or, byte for byte the same shape, an <c>ExportTraceServiceRequest</c>) holding
        /// the given <c>ResourceSpans</c> objects.
        /// </summary>
        internal static byte[] Document(IReadOnlyList<byte[]> resourceSpans)
        {
            var prefix = Encoding.ASCII.GetBytes("{\"resourceSpans\":[");
            var length = prefix.Length + 2 + Math.Max(0, resourceSpans.Count - 1);
            foreach (var r in resourceSpans) length += r.Length;
            var result = new byte[length];
            Buffer.BlockCopy(prefix, 0, result, 0, prefix.Length);
            var at = prefix.Length;
            for (var i = 0; i < resourceSpans.Count; i++)
            {
                if (i > 0) result[at++] = (byte)',';
                Buffer.BlockCopy(resourceSpans[i], 0, result, at, resourceSpans[i].Length);
                at += resourceSpans[i].Length;
            }
            result[at++] = (byte)']';
            result[at] = (byte)'}';
            return result;
        }

        private static void WriteSpan(Utf8JsonWriter w, TraceSpan s)
        {
            w.WriteStartObject();
            w.WriteString("traceId", s.TraceId);
            w.WriteString("spanId", s.SpanId);
            if (s.ParentSpanId != null) w.WriteString("parentSpanId", s.ParentSpanId);
            w.WriteString("name", Clean(s.Name));
            w.WriteNumber("kind", s.Kind);
            w.WriteString("startTimeUnixNano", s.StartNanos.ToString(CultureInfo.InvariantCulture));
            w.WriteString("endTimeUnixNano", s.EndNanos.ToString(CultureInfo.InvariantCulture));
            WriteAttributes(w, s.Attributes);
            if (s.StatusCode != TraceConventions.StatusUnset)
            {
                w.WriteStartObject("status");
                if (!string.IsNullOrEmpty(s.StatusMessage)) w.WriteString("message", Clean(s.StatusMessage!));
                w.WriteNumber("code", s.StatusCode);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }

        private static void WriteAttributes(Utf8JsonWriter w, IReadOnlyList<KeyValuePair<string, object>> attributes)
        {
            w.WriteStartArray("attributes");
            foreach (var a in attributes)
            {
                w.WriteStartObject();
                w.WriteString("key", a.Key);
                w.WriteStartObject("value");
                switch (a.Value)
                {
                    case string text: w.WriteString("stringValue", Clean(text)); break;
                    case bool b: w.WriteBoolean("boolValue", b); break;
                    case long l: w.WriteString("intValue", l.ToString(CultureInfo.InvariantCulture)); break;
                    case int i: w.WriteString("intValue", i.ToString(CultureInfo.InvariantCulture)); break;
                    case double d when !double.IsNaN(d) && !double.IsInfinity(d): w.WriteNumber("doubleValue", d); break;
                    case double d: w.WriteString("doubleValue", double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"); break;
                    case string[] items:
                        w.WriteStartObject("arrayValue");
                        w.WriteStartArray("values");
                        foreach (var item in items)
                        {
                            w.WriteStartObject();
                            w.WriteString("stringValue", Clean(item ?? string.Empty));
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                        w.WriteEndObject();
                        break;
                    default: w.WriteString("stringValue", Clean(Convert.ToString(a.Value, CultureInfo.InvariantCulture) ?? string.Empty)); break;
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        /// <summary>Lone surrogates cannot be encoded as UTF-8: they become U+FFFD, as the readers do.</summary>
        internal static string Clean(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c)) return Replace(text);
            }
            return text;
        }

        private static string Replace(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
            return sb.ToString();
        }
    }
}

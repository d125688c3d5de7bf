using System;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlamaCloud.Chat.Transcripts
{
    /// <summary>A tool's arguments or result as a transcript shows them: indented JSON, or a JSON string's own text.</summary>
    internal readonly struct ToolText
    {
        private static readonly JsonWriterOptions Indented = new JsonWriterOptions
        {
            Indented = true,
            // The text lands in a code block or is HTML-escaped after this; \u003C escapes would only hurt reading.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        private ToolText(string text, bool isJson, int leftOut)
        {
            Text = text;
            IsJson = isJson;
            LeftOut = leftOut;
        }

        /// <summary>The text to show.</summary>
        internal string Text { get; }

        /// <summary>True for JSON, false for the text of a JSON string.</summary>
        internal bool IsJson { get; }

        /// <summary>How many characters were cut off the end (0 when nothing was).</summary>
        internal int LeftOut { get; }

        /// <summary>Formats <paramref name="json"/>; cuts it to <paramref name="max"/> characters when max &gt; 0.</summary>
        internal static ToolText From(string json, int max)
        {
            string text = json;
            var isJson = true;
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind == JsonValueKind.String)
                {
                    text = doc.RootElement.GetString() ?? string.Empty;
                    isJson = false;
                }
                else if (doc.RootElement.ValueKind == JsonValueKind.Object || doc.RootElement.ValueKind == JsonValueKind.Array)
                {
                    using var buffer = new System.IO.MemoryStream(json.Length * 2 + 16);
                    using (var w = new Utf8JsonWriter(buffer, Indented)) doc.RootElement.WriteTo(w);
                    text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                }
            }
            catch (JsonException)
            {
                // Kept as received (deeper than the reader allows, or not JSON at all): shown, never lost.
            }
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
            if (max <= 0 || text.Length <= max) return new ToolText(text, isJson, 0);
            var cut = max;
            if (char.IsHighSurrogate(text[cut - 1])) cut--; // never half an emoji
            return new ToolText(text.Substring(0, cut), isJson, text.Length - cut);
        }

        /// <summary>The note shown after a cut result.</summary>
        internal string CutNote() => string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "… {0:N0} more character{1} left out (-MaxToolOutputLength)", LeftOut, LeftOut == 1 ? string.Empty : "s");
    }
}

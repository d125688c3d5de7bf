using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Reads string tokens without ever failing on the text itself. System.Text.Json refuses lone surrogate escapes
    /// (<c>"\ud800"</c>, which Python's json module writes for broken emoji) and invalid UTF-8; such text is kept,
    /// with U+FFFD for what cannot be decoded, rather than losing the whole session.
    /// </summary>
    internal static class JsonStrings
    {
        internal static string GetString(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString() ?? string.Empty;
            }
            catch (InvalidOperationException)
            {
                var raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
                return Unescape(raw);
            }
        }

        /// <summary>JSON string escapes, tolerating lone surrogates; invalid UTF-8 becomes U+FFFD.</summary>
        internal static string Unescape(byte[] raw)
        {
            var text = Encoding.UTF8.GetString(raw);
            if (text.IndexOf('\\') < 0) return text;
            var sb = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c != '\\' || i + 1 >= text.Length)
                {
                    sb.Append(c);
                    continue;
                }
                var e = text[++i];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'u' when i + 4 < text.Length
                        && ushort.TryParse(text.Substring(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                        sb.Append((char)code);
                        i += 4;
                        break;
                    default: sb.Append(e); break;
                }
            }
            return sb.ToString();
        }
    }
}

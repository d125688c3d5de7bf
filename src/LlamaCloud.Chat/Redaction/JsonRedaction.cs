using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Redacts a JSON document in place: each member name and string value goes through the text rules (and the
    /// member-name context), each integer that is a card or phone number becomes its pseudonym as a JSON string, and
    /// every other byte stays as it was, so the document is exactly as valid, and as formatted, as before.
    /// </summary>
    internal static class JsonRedaction
    {
        private static readonly JsonReaderOptions Reader = JsonLimits.Iterative;

        internal static byte[] Redact(TextRedactor redactor, byte[] utf8, RedactionTally tally)
        {
            if (utf8.Length == 0) return utf8;
            var edits = new List<(int Start, int Length, string Replacement)>();
            // Per open container: whether it is an array, and the member name its values belong to.
            var frames = new List<(bool IsArray, string? Name)>();
            // Counted here, and added to the caller's tally only if the whole document was read as JSON.
            var local = redactor.NewTally();
            try
            {
                var reader = new Utf8JsonReader(utf8, Reader);
                while (reader.Read())
                {
                    var name = frames.Count == 0 ? null : frames[frames.Count - 1].Name;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                            frames.Add((false, null));
                            break;
                        case JsonTokenType.StartArray:
                            frames.Add((true, name));
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            frames.RemoveAt(frames.Count - 1);
                            break;
                        case JsonTokenType.PropertyName:
                        {
                            var text = reader.GetString()!;
                            frames[frames.Count - 1] = (false, text);
                            var redacted = redactor.Redact(text, local)!;
                            if (!ReferenceEquals(redacted, text)) edits.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, redacted));
                            break;
                        }
                        case JsonTokenType.String:
                        {
                            var text = reader.GetString()!;
                            var redacted = redactor.RedactMember(name, text, local)!;
                            if (!ReferenceEquals(redacted, text)) edits.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2, redacted));
                            break;
                        }
                        case JsonTokenType.Number:
                        {
                            var number = Encoding.ASCII.GetString(reader.ValueSpan.ToArray());
                            var token = redactor.RedactNumber(name, number, local);
                            if (token != null) edits.Add(((int)reader.TokenStartIndex, reader.ValueSpan.Length, token));
                            break;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (kept as data by the readers): it is shown as text, so it is redacted as text.
                var text = Encoding.UTF8.GetString(utf8);
                var redacted = redactor.Redact(text, tally)!;
                return ReferenceEquals(text, redacted) ? utf8 : Encoding.UTF8.GetBytes(redacted);
            }
            tally.Merge(local);
            if (edits.Count == 0) return utf8;
            var output = new MemoryStream(utf8.Length + edits.Count * 24);
            var at = 0;
            foreach (var (start, length, replacement) in edits)
            {
                output.Write(utf8, at, start - at);
                output.WriteByte((byte)'"');
                var encoded = JsonEncodedText.Encode(replacement, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
                output.Write(encoded.ToArray(), 0, encoded.Length);
                output.WriteByte((byte)'"');
                at = start + length;
            }
            output.Write(utf8, at, utf8.Length - at);
            return output.ToArray();
        }
    }
}

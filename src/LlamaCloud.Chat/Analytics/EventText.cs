using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Analytics
{
    /// <summary>
    /// The text of an event that a search looks at, field by field, as a user reads it (strings unescaped): the content of
    /// content events; a tool's name and every string or number inside its arguments or result, each under its JSON path
    /// (<c>result.nodes[0].text</c>); a stop event's error; every value of an unknown event.
    /// </summary>
    internal static class EventText
    {
        internal static IEnumerable<KeyValuePair<string, string>> Fields(ChatEvent e)
        {
            switch (e)
            {
                case ContentEvent c:
                    if (c.Content != null) yield return Pair("content", c.Content);
                    break;
                case ToolCallEvent call:
                    if (call.Name != null) yield return Pair("name", call.Name);
                    foreach (var f in Values("arguments", call.ArgumentsJson)) yield return f;
                    break;
                case ToolResultEvent result:
                    if (result.Name != null) yield return Pair("name", result.Name);
                    foreach (var f in Values("result", result.ResultJson)) yield return f;
                    break;
                case StopEvent stop:
                    if (stop.Error != null) yield return Pair("error", stop.Error);
                    break;
                case UnknownEvent unknown:
                    if (!unknown.IsJson) yield return Pair("raw", unknown.RawJson);
                    else foreach (var f in Values(string.Empty, unknown.RawJson)) yield return f;
                    break;
            }
        }

        private static KeyValuePair<string, string> Pair(string field, string text) => new KeyValuePair<string, string>(field, text);

        // Every string (unescaped) and number (as written) of a JSON value, with its path below root.
        private static IEnumerable<KeyValuePair<string, string>> Values(string root, string? json)
        {
            if (string.IsNullOrEmpty(json)) yield break;
            var found = new List<KeyValuePair<string, string>>();
            try
            {
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), JsonLimits.Document);
                var path = new List<string>();
                var arrayIndex = new List<int>(); // -1 in an object
                var pendingName = root;
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.PropertyName:
                            pendingName = reader.GetString() ?? string.Empty;
                            continue;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            path.Add(Step(path, arrayIndex, pendingName));
                            arrayIndex.Add(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                            break;
                        case JsonTokenType.EndObject:
                        case JsonTokenType.EndArray:
                            path.RemoveAt(path.Count - 1);
                            arrayIndex.RemoveAt(arrayIndex.Count - 1);
                            Advance(arrayIndex);
                            break;
                        case JsonTokenType.String:
                            found.Add(Pair(Join(path, Step(path, arrayIndex, pendingName)), reader.GetString() ?? string.Empty));
                            Advance(arrayIndex);
                            break;
                        case JsonTokenType.Number:
                            found.Add(Pair(Join(path, Step(path, arrayIndex, pendingName)), Encoding.UTF8.GetString(reader.ValueSpan.ToArray())));
                            Advance(arrayIndex);
                            break;
                        default:
                            Advance(arrayIndex);
                            break;
                    }
                    pendingName = string.Empty;
                }
            }
            catch (JsonException)
            {
                found.Clear();
                found.Add(Pair(root.Length == 0 ? "raw" : root, json!));
            }
            foreach (var f in found) yield return f;
        }

        // The name of the value about to be read: its member name, or [i] inside an array.
        private static string Step(List<string> path, List<int> arrayIndex, string name)
        {
            if (arrayIndex.Count > 0 && arrayIndex[arrayIndex.Count - 1] >= 0)
                return "[" + arrayIndex[arrayIndex.Count - 1].ToString(CultureInfo.InvariantCulture) + "]";
            return name;
        }

        private static void Advance(List<int> arrayIndex)
        {
            if (arrayIndex.Count > 0 && arrayIndex[arrayIndex.Count - 1] >= 0) arrayIndex[arrayIndex.Count - 1]++;
        }

        private static string Join(List<string> path, string last)
        {
            var sb = new StringBuilder();
            foreach (var p in path) Append(sb, p);
            Append(sb, last);
            return sb.ToString();
        }

        private static void Append(StringBuilder sb, string step)
        {
            if (step.Length == 0) return;
            if (sb.Length > 0 && step[0] != '[') sb.Append('.');
            sb.Append(step);
        }
    }
}

using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;

namespace LlamaCloud.Chat
{
    /// <summary>Turns JSON into the values ConvertFrom-Json produces, so scripts can dot into them.</summary>
    internal static class JsonToPowerShell
    {
        // Deep enough for any real payload, shallow enough that hostile input cannot overflow the stack.
        private const int MaxDepth = 256;

        internal static object? Convert(byte[] utf8)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read()) return null;
            return ReadValue(ref reader);
        }

        private static object? ReadValue(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var obj = new PSObject();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = JsonStrings.GetString(ref reader);
                        reader.Read();
                        var value = ReadValue(ref reader);
                        var existing = obj.Properties[name];
                        // Duplicate keys: last one wins, as in ConvertFrom-Json -AsHashtable; never throw on data.
                        if (existing != null) obj.Properties.Remove(name);
                        obj.Properties.Add(new PSNoteProperty(name, value));
                    }
                    return obj;
                case JsonTokenType.StartArray:
                    var list = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Add(ReadValue(ref reader));
                    }
                    return list.ToArray();
                case JsonTokenType.String:
                    return JsonStrings.GetString(ref reader);
                case JsonTokenType.Number:
                    // As ConvertFrom-Json on PowerShell 7: Int64 where the number is integral and fits, else Double.
                    if (reader.TryGetInt64(out var l)) return l;
                    return JsonNumbers.AnyDouble(ref reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Management.Automation;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// Turns JSON into the values ConvertFrom-Json produces, so scripts can dot into them, without ever losing a value:
    /// <list type="bullet">
    /// <item>An object becomes a PSCustomObject; one a PSCustomObject cannot hold whole (an empty key, or keys that differ
    /// only in case, which PowerShell properties treat as one) becomes a case-sensitive ordered dictionary. A key repeated
    /// exactly keeps its last value, at its last position, as ConvertFrom-Json does (the exact text stays in the
    /// event's *Json property).</item>
    /// <item>An integer becomes Int64, or BigInteger beyond Int64 (as ConvertFrom-Json on PowerShell 7); any other number a
    /// Double, and one beyond the range of a Double (<c>1e400</c>) ±Infinity. Parsed here, not by the runtime, so Windows
    /// PowerShell 5.1 (.NET Framework) gives the same values.</item>
    /// </list>
    /// </summary>
    internal static class JsonToPowerShell
    {
        internal static object? Convert(byte[] utf8)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonLimits.DocumentDepth, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read()) return null;
            return ReadValue(ref reader);
        }

        private static object? ReadValue(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    return ReadObject(ref reader);
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
                    return Number(ref reader);
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                default:
                    return null;
            }
        }

        private static object ReadObject(ref Utf8JsonReader reader)
        {
            var members = new List<KeyValuePair<string, object?>>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            bool needsDictionary = false, mayRepeat = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonStrings.GetString(ref reader);
                reader.Read();
                members.Add(new KeyValuePair<string, object?>(name, ReadValue(ref reader)));
                if (name.Length == 0) needsDictionary = true;
                if (!seen.Add(name)) mayRepeat = true;
            }
            if (mayRepeat)
            {
                // A key repeated exactly: the last value wins, where it last appeared, as ConvertFrom-Json gives it.
                members = LastOfEachKey(members);
                // What is left may still differ only in case, which one PowerShell property cannot hold.
                seen.Clear();
                foreach (var m in members)
                {
                    if (!seen.Add(m.Key)) needsDictionary = true;
                }
            }
            if (needsDictionary)
            {
                var dict = new OrderedDictionary(members.Count, StringComparer.Ordinal);
                foreach (var m in members) dict.Add(m.Key, m.Value);
                return dict;
            }
            var obj = new PSObject();
            foreach (var m in members) obj.Properties.Add(new PSNoteProperty(m.Key, m.Value));
            return obj;
        }

        private static List<KeyValuePair<string, object?>> LastOfEachKey(List<KeyValuePair<string, object?>> members)
        {
            var exact = new HashSet<string>(StringComparer.Ordinal);
            var kept = new List<KeyValuePair<string, object?>>(members.Count);
            for (var i = members.Count - 1; i >= 0; i--)
            {
                if (exact.Add(members[i].Key)) kept.Add(members[i]);
            }
            kept.Reverse();
            return kept;
        }

        /// <summary>Int64, else BigInteger for integer literals, else Double (±Infinity beyond its range). Never throws.</summary>
        internal static object Number(ref Utf8JsonReader reader)
        {
            if (reader.TryGetInt64(out var l)) return l;
            var text = NumberText(ref reader);
            var integral = text.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
            if (integral && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big)) return big;
            // .NET Framework's reader refuses a number beyond double's range where .NET Core gives infinity:
            // decide here, the same way everywhere.
            if (reader.TryGetDouble(out var d) && !double.IsInfinity(d) && !double.IsNaN(d)) return d;
            return BeyondDouble(text);
        }

        /// <summary>A JSON number the reader would not give as a finite double: parsed here, the same on every runtime.</summary>
        internal static double BeyondDouble(string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) && !double.IsNaN(d)) return d;
            return Overflow(text);
        }

        /// <summary>A valid JSON number the runtime cannot hold as a finite double: its magnitude is either huge or tiny.</summary>
        private static double Overflow(string text)
        {
            var negative = text.StartsWith("-", StringComparison.Ordinal);
            var e = text.IndexOfAny(new[] { 'e', 'E' });
            var mantissa = e < 0 ? text : text.Substring(0, e);
            var zero = true;
            foreach (var c in mantissa)
            {
                if (c >= '1' && c <= '9') { zero = false; break; }
            }
            if (zero) return negative ? -0.0 : 0.0;
            // A negative exponent this far out is an underflow (0); a positive one an overflow (±Infinity).
            var tiny = e >= 0 && e + 1 < text.Length && text[e + 1] == '-';
            if (tiny) return negative ? -0.0 : 0.0;
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        internal static string NumberText(ref Utf8JsonReader reader)
        {
            var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
            return Encoding.ASCII.GetString(span);
        }
    }
}

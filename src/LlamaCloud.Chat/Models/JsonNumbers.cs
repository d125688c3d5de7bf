using System.Text.Json;

namespace LlamaCloud.Chat
{
    /// <summary>Number readers that never throw on data: a value of the wrong kind becomes null.</summary>
    internal static class JsonNumbers
    {
        internal static double? Double(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out var d)) return d;
            return Mismatch<double>(ref r);
        }

        internal static long? Int64(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Number)
            {
                if (r.TryGetInt64(out var l)) return l;
                // 12.0 is still a whole number of tokens.
                if (r.TryGetDouble(out var d) && d == System.Math.Floor(d) && d >= long.MinValue && d <= long.MaxValue) return (long)d;
            }
            return Mismatch<long>(ref r);
        }

        internal static int? Int32(ref Utf8JsonReader r)
        {
            var l = Int64(ref r);
            if (l == null) return null;
            if (l.Value < int.MinValue || l.Value > int.MaxValue) return null;
            return (int)l.Value;
        }

        private static T? Mismatch<T>(ref Utf8JsonReader r) where T : struct
        {
            if (r.TokenType == JsonTokenType.StartObject || r.TokenType == JsonTokenType.StartArray) r.Skip();
            return null;
        }
    }
}

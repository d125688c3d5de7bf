using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>Number readers that never throw on data: a value of the wrong kind becomes null.</summary>
    internal static class JsonNumbers
    {
        internal static double? Double(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Number) return AnyDouble(ref r);
            return Mismatch<double>(ref r);
        }

        /// <summary>
        /// A number token as a double, the same on every runtime: as on .NET Core 3.0+, a number beyond the double range
        /// is +/-Infinity. (System.Text.Json's netstandard2.0 build, the one Windows PowerShell 5.1 runs, refuses such
        /// numbers: TryGetDouble is false and GetDouble throws.)
        /// </summary>
        internal static double AnyDouble(ref Utf8JsonReader r)
        {
            if (r.TryGetDouble(out var d)) return d;
            // One rule for every number beyond double's range, shared with tool arguments and results.
            return JsonToPowerShell.BeyondDouble(JsonToPowerShell.NumberText(ref r));
        }

        internal static long? Int64(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.Number)
            {
                if (r.TryGetInt64(out var l)) return l;
                // 12.0 is still a whole number of tokens.
                // Bounds as doubles: long.MaxValue rounds up to 2^63, which does not fit (the cast would wrap on .NET Framework).
                if (r.TryGetDouble(out var d) && d == System.Math.Floor(d) && d >= -9.2233720368547758E18 && d < 9.2233720368547758E18)
                    return (long)d;
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

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace LlamaCloud.Chat.Tests.Redaction
{
    /// <summary>tests/data/redaction-corpus.json: values each rule must replace, and near misses it must leave.</summary>
    internal static class Corpus
    {
        internal sealed record Positive(string Rule, string Value, string? Context, string? Json)
        {
            public override string ToString() => Rule + ": " + Value;
        }

        internal sealed record NearMiss(string Value, string Why)
        {
            public override string ToString() => Value + " (" + Why + ")";
        }

        private static readonly Lazy<JsonDocument> Document = new(() =>
            JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Redaction", "redaction-corpus.json"))));

        internal static IReadOnlyList<Positive> Positives => Document.Value.RootElement.GetProperty("positives").EnumerateArray()
            .Select(e => new Positive(e.GetProperty("rule").GetString()!, e.GetProperty("value").GetString()!,
                e.TryGetProperty("context", out var c) ? c.GetString() : null, e.TryGetProperty("json", out var j) ? j.GetString() : null))
            .ToList();

        internal static IReadOnlyList<NearMiss> NearMisses => Document.Value.RootElement.GetProperty("nearMisses").EnumerateArray()
            .Select(e => new NearMiss(e.GetProperty("value").GetString()!, e.GetProperty("why").GetString()!)).ToList();

        public static IEnumerable<object[]> PositiveCases() => Positives.Select(p => new object[] { p });

        public static IEnumerable<object[]> NearMissCases() => NearMisses.Select(n => new object[] { n });
    }
}

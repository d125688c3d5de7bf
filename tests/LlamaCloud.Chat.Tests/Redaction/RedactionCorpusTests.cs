using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Redaction;
using Xunit.Abstractions;

namespace LlamaCloud.Chat.Tests.Redaction
{
    /// <summary>The corpus measured both ways: every positive replaced whole by its rule's pseudonym, every near miss untouched.</summary>
    public class RedactionCorpusTests
    {
        private static readonly byte[] Key = Encoding.UTF8.GetBytes("corpus test key");
        private readonly ITestOutputHelper _out;

        public RedactionCorpusTests(ITestOutputHelper output) => _out = output;

        private static TextRedactor NewRedactor() => new TextRedactor((byte[])Key.Clone());

        private static string LabelOf(TextRedactor r, string rule) => r.Rules.Single(x => x.Name == rule).Label;

        private static int CountOf(RedactionTally tally, string rule) => tally.Summary().Single(s => s.Rule == rule).Count;

        [Theory]
        [MemberData(nameof(Corpus.PositiveCases), MemberType = typeof(Corpus))]
        internal void EachPositiveIsReplacedWholeByItsRulesPseudonym(Corpus.Positive p)
        {
            using var r = NewRedactor();
            var tally = r.NewTally();
            if (p.Json != null)
            {
                var json = r.RedactJson(p.Json, tally)!;
                Assert.DoesNotContain(p.Value, json);
                using (JsonDocument.Parse(json)) { } // still valid JSON
                Assert.Equal(1, CountOf(tally, p.Rule));
                Assert.Equal(1, tally.Total);
                Assert.Matches(@"""\[" + LabelOf(r, p.Rule) + @":[0-9a-f]{12}\]""", json);
                return;
            }
            var text = p.Context ?? p.Value;
            Assert.Contains(p.Value, text); // the corpus itself: the context holds its value
            var redacted = r.Redact(text, tally)!;
            var token = Regex.Match(redacted, @"\[" + LabelOf(r, p.Rule) + @":[0-9a-f]{12}\]");
            Assert.True(token.Success, $"no {p.Rule} pseudonym in: {redacted}");
            // Exactly the value's characters were replaced: the text around it is unchanged.
            Assert.Equal(text.Replace(p.Value, token.Value), redacted);
            Assert.Equal(1, CountOf(tally, p.Rule));
            Assert.Equal(1, tally.Total);
        }

        [Theory]
        [MemberData(nameof(Corpus.NearMissCases), MemberType = typeof(Corpus))]
        internal void EachNearMissComesThroughUnchanged(Corpus.NearMiss n)
        {
            using var r = NewRedactor();
            var tally = r.NewTally();
            var sentence = "Note: " + n.Value + " (see above)";
            Assert.Same(n.Value, r.Redact(n.Value, tally));
            Assert.Same(sentence, r.Redact(sentence, tally));
            var json = "{\"value\":" + JsonSerializer.Serialize(n.Value) + "}";
            Assert.Equal(json, r.RedactJson(json, tally));
            Assert.Equal(0, tally.Total);
        }

        [Fact]
        public void TheWholeCorpusInOneDocumentMissesNothingAndOverRedactsNothing()
        {
            using var r = NewRedactor();
            var tally = r.NewTally();
            var positives = Corpus.Positives.Where(p => p.Json == null).ToList();
            var text = string.Join("\n", positives.Select(p => p.Context ?? p.Value).Concat(Corpus.NearMisses.Select(n => n.Value)));
            var redacted = r.Redact(text, tally)!;
            var missed = positives.Where(p => redacted.Contains(p.Value)).ToList();
            var overRedacted = Corpus.NearMisses.Where(n => !redacted.Contains(n.Value)).ToList();
            _out.WriteLine($"{positives.Count} positives, {missed.Count} missed; {Corpus.NearMisses.Count} near misses, {overRedacted.Count} redacted");
            Assert.Empty(missed);
            Assert.Empty(overRedacted);
            foreach (var group in positives.GroupBy(p => p.Rule))
                Assert.Equal(group.Count(), CountOf(tally, group.Key));
            Assert.Equal(positives.Count, tally.Total);
            Assert.Equal(positives.Count, Regex.Matches(redacted, @"\[[A-Z0-9]+:[0-9a-f]{12}\]").Count);
        }

        [Fact]
        public void TheCorpusCoversEveryBuiltInRuleWithSeveralValues()
        {
            using var r = NewRedactor();
            // The eight built-in rules (TextRedactor): API key, bearer token, email, IBAN, card, IPv6, IPv4, phone.
            Assert.Equal(8, r.Rules.Count);
            foreach (var rule in r.Rules)
                Assert.True(Corpus.Positives.Count(p => p.Rule == rule.Name) >= 3, rule.Name + " has fewer than 3 corpus values");
            Assert.True(Corpus.NearMisses.Count >= 50);
        }

        [Fact]
        public void RedactingTwiceChangesNothingMore()
        {
            using var r = NewRedactor();
            var text = string.Join(" ", Corpus.Positives.Where(p => p.Json == null).Select(p => p.Context ?? p.Value));
            var once = r.Redact(text, r.NewTally())!;
            var tally = r.NewTally();
            Assert.Same(once, r.Redact(once, tally));
            Assert.Equal(0, tally.Total);
        }
    }
}

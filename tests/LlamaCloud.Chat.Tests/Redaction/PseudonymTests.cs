using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Tests.Redaction
{
    public class PseudonymTests
    {
        private static TextRedactor With(string? key) => new TextRedactor(key == null ? null : Encoding.UTF8.GetBytes(key));

        private static string One(TextRedactor r, string text) => r.Redact(text, r.NewTally())!;

        [Fact]
        public void ThePseudonymIsTheHmacOfTheLabelAndTheNormalizedValue()
        {
            using var r = With("k1");
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("k1"));
            var expected = string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes("EMAIL\nalice.smith@example.com")).Take(6).Select(b => b.ToString("x2")));
            Assert.Equal("mail [EMAIL:" + expected + "] now", One(r, "mail Alice.Smith@Example.COM now"));
        }

        [Fact]
        public void TheSameKeyGivesTheSamePseudonymAcrossRedactorsAndSpellings()
        {
            using var a = With("shared key");
            using var b = With("shared key");
            Assert.Equal(One(a, "4111 1111 1111 1111"), One(b, "4111-1111-1111-1111"));
            Assert.Equal(One(a, "4111 1111 1111 1111"), One(b, "4111111111111111"));
            Assert.Equal(One(a, "(415) 555-0198"), One(b, "415-555-0198"));
            Assert.Equal(One(a, "DE89 3704 0044 0532 0130 00"), One(b, "de89370400440532013000"));
            Assert.Equal(One(a, "2001:0db8:0000:0000:0000:ff00:0042:8329"), One(b, "2001:db8::ff00:42:8329"));
            // Another value of the same kind, another pseudonym.
            Assert.NotEqual(One(a, "alice@example.com"), One(a, "bob@example.com"));
        }

        [Fact]
        public void AnotherKeyOrNoKeyGivesOtherPseudonyms()
        {
            using var a = With("key one");
            using var b = With("key two");
            using var random1 = With(null);
            using var random2 = With(null);
            var values = new[] { One(a, "alice@example.com"), One(b, "alice@example.com"), One(random1, "alice@example.com"), One(random2, "alice@example.com") };
            Assert.Equal(4, values.Distinct().Count());
            Assert.All(values, v => Assert.Matches(@"^\[EMAIL:[0-9a-f]{12}\]$", v));
            Assert.True(random1.IsRandomKey);
            Assert.False(a.IsRandomKey);
            // Within one run, the random key is stable.
            Assert.Equal(One(random1, "alice@example.com"), One(random1, "ALICE@example.com"));
        }

        [Fact]
        public void TheKeyBytesAreClearedOnceRead()
        {
            var key = Encoding.UTF8.GetBytes("secret");
            using var r = new TextRedactor(key);
            Assert.All(key, b => Assert.Equal(0, b));
        }

        [Fact]
        public void TheTallyCountsValuesAndDistinctValuesPerRuleNeverTheValues()
        {
            using var r = With("k");
            var tally = r.NewTally();
            r.Redact("alice@example.com, ALICE@example.com, bob@example.com; 10.0.0.1", tally);
            var rows = tally.Summary();
            Assert.Equal(r.Rules.Select(x => x.Name), rows.Select(x => x.Rule));
            var email = rows.Single(x => x.Rule == "Email");
            Assert.Equal((3, 2, "EMAIL", false), (email.Count, email.DistinctCount, email.Label, email.IsCustom));
            Assert.Equal((1, 1), (rows.Single(x => x.Rule == "IPv4").Count, rows.Single(x => x.Rule == "IPv4").DistinctCount));
            Assert.Equal(0, rows.Single(x => x.Rule == "Phone").Count);
            Assert.Equal("Email: 3 (2 distinct)", email.ToString());
            var merged = r.NewTally();
            merged.Merge(tally);
            merged.Merge(tally); // the same values again: distinct stays
            Assert.Equal((6, 2), (merged.Summary().Single(x => x.Rule == "Email").Count, merged.Summary().Single(x => x.Rule == "Email").DistinctCount));
        }

        [Fact]
        public void CustomPatternsComeFirstWithTheirNameAsLabel()
        {
            using var r = new TextRedactor(Encoding.UTF8.GetBytes("k"), new[]
            {
                new PatternRule("Ticket", new Regex(@"TCK-[0-9]{6}", RegexOptions.CultureInvariant, PatternRule.Timeout)),
                new PatternRule("Employee", new Regex(@"(?i)emp[0-9]{4}", RegexOptions.CultureInvariant, PatternRule.Timeout)),
            });
            var tally = r.NewTally();
            var text = r.Redact("TCK-123456 by EMP0042 (emp0042@example.com)", tally)!;
            Assert.Matches(@"^\[TICKET:[0-9a-f]{12}\] by \[EMPLOYEE:[0-9a-f]{12}\] \(\[EMPLOYEE:[0-9a-f]{12}\]@example\.com\)$", text);
            Assert.Equal(new[] { "Ticket", "Employee" }, r.Rules.Take(2).Select(x => x.Name));
            Assert.True(tally.Summary()[0].IsCustom);
            Assert.Equal(0, tally.Summary().Single(x => x.Rule == "Email").Count); // the custom rule claimed the address's start
        }

        [Fact]
        public void ACustomPatternThatTimesOutReplacesTheWholeText()
        {
            var slow = new PatternRule("Slow", new Regex(@"^(a+)+$", RegexOptions.CultureInvariant, System.TimeSpan.FromMilliseconds(20)));
            using var r = new TextRedactor(Encoding.UTF8.GetBytes("k"), new[] { slow });
            var text = new string('a', 40) + "!";
            var redacted = r.Redact(text, r.NewTally())!;
            Assert.Matches(@"^\[SLOW:[0-9a-f]{12}\]$", redacted);
            Assert.Equal(new[] { "Slow" }, r.TimedOutPatterns());
        }
    }
}

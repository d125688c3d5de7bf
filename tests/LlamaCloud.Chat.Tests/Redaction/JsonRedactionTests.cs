using System.Text;
using System.Text.Json;
using LlamaCloud.Chat.Redaction;

namespace LlamaCloud.Chat.Tests.Redaction
{
    public class JsonRedactionTests
    {
        private static readonly TextRedactor R = new TextRedactor(Encoding.UTF8.GetBytes("json key"));

        private static string Token(string text) => R.Redact(text, R.NewTally())!;

        [Fact]
        public void OnlyTheValuesChangeAndTheFormattingStays()
        {
            var json = "{\n  \"to\": \"mail alice@example.com\",\n  \"card\": 4111111111111111,\n  \"amount\": 12.50,\n  \"ok\": true,\n  \"n\": null\n}";
            var redacted = R.RedactJson(json, R.NewTally());
            var expected = "{\n  \"to\": \"mail " + Token("alice@example.com") + "\",\n  \"card\": \"" + Token("4111111111111111") + "\",\n  \"amount\": 12.50,\n  \"ok\": true,\n  \"n\": null\n}";
            Assert.Equal(expected, redacted);
        }

        [Fact]
        public void ADocumentWithNothingToReplaceIsTheSameArray()
        {
            var bytes = Encoding.UTF8.GetBytes("{\"query\":\"Q3 findings\",\"top_k\":5,\"big\":1e400,\"id\":\"ses-abc123\"}");
            var tally = R.NewTally();
            Assert.Same(bytes, R.RedactJson(bytes, tally));
            Assert.Equal(0, tally.Total);
        }

        [Fact]
        public void EscapedValuesNamesAndNestedArraysAreRedacted()
        {
            var json = "{\"alice\\u0040example.com\":{\"ips\":[\"10.0.0.1\",[\"fe80::1ff:fe23:4567:890a\"]],\"note\":\"a\\nbob@example.org\"}}";
            var tally = R.NewTally();
            var redacted = R.RedactJson(json, tally)!;
            using var doc = JsonDocument.Parse(redacted);
            Assert.DoesNotContain("example.com", redacted);
            Assert.DoesNotContain("10.0.0.1", redacted);
            Assert.DoesNotContain("fe80", redacted);
            Assert.DoesNotContain("bob@", redacted);
            Assert.Equal(4, tally.Total);
            Assert.Equal("a\n" + Token("bob@example.org"), doc.RootElement.GetProperty(Token("alice@example.com")).GetProperty("note").GetString());
        }

        [Fact]
        public void PhoneNumbersAreKnownByTheirMembersNameAndOnlyThere()
        {
            var json = "{\"phone\":4155550111,\"mobilePhone\":\"415 555 0122\",\"Tel\":[4155550133],\"count\":4155550144,\"hotel\":4155550155,\"phone_note\":\"call me\",\"fax\":12.5}";
            var tally = R.NewTally();
            var redacted = R.RedactJson(json, tally)!;
            using var doc = JsonDocument.Parse(redacted);
            Assert.Matches(@"^\[PHONE:[0-9a-f]{12}\]$", doc.RootElement.GetProperty("phone").GetString());
            Assert.Matches(@"^\[PHONE:[0-9a-f]{12}\]$", doc.RootElement.GetProperty("mobilePhone").GetString());
            Assert.Matches(@"^\[PHONE:[0-9a-f]{12}\]$", doc.RootElement.GetProperty("Tel")[0].GetString());
            Assert.Equal(4155550144, doc.RootElement.GetProperty("count").GetInt64());
            Assert.Equal(4155550155, doc.RootElement.GetProperty("hotel").GetInt64());
            Assert.Equal("call me", doc.RootElement.GetProperty("phone_note").GetString());
            Assert.Equal(12.5, doc.RootElement.GetProperty("fax").GetDouble());
            Assert.Equal(3, tally.Total);
            // A number as a value and the same number in text get the same pseudonym.
            Assert.Equal(doc.RootElement.GetProperty("phone").GetString(), R.RedactMember("phone", "4155550111", R.NewTally()));
        }

        [Fact]
        public void TextThatIsNotJsonIsRedactedAsText()
        {
            var tally = R.NewTally();
            Assert.Equal("not json: " + Token("alice@example.com") + " {", R.RedactJson("not json: alice@example.com {", tally));
            Assert.Equal(1, tally.Total);
        }

        [Fact]
        public void ACardNumberOfAnyJsonShapeStaysValidJson()
        {
            foreach (var json in new[] { "4111111111111111", "[4111111111111111,-4111111111111111,4111111111111111.0]", "\"4111 1111 1111 1111\"" })
            {
                var redacted = R.RedactJson(json, R.NewTally())!;
                using (JsonDocument.Parse(redacted)) { }
                Assert.Matches(@"\[CARD:[0-9a-f]{12}\]", redacted);
            }
            // Negative and fractional numbers are no card numbers.
            Assert.Equal("[\"" + Token("4111111111111111") + "\",-4111111111111111,4111111111111111.0]",
                R.RedactJson("[4111111111111111,-4111111111111111,4111111111111111.0]", R.NewTally()));
        }

        [Fact]
        public void AVeryDeepDocumentIsStillRead()
        {
            var json = new string('[', 5000) + "\"alice@example.com\"" + new string(']', 5000);
            var redacted = R.RedactJson(json, R.NewTally())!;
            Assert.Equal(new string('[', 5000) + "\"" + Token("alice@example.com") + "\"" + new string(']', 5000), redacted);
        }
    }
}

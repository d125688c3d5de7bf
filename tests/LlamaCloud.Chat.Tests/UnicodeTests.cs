using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    public class UnicodeTests
    {
        [Theory]
        [InlineData("Grüße aus Köln")]
        [InlineData("日本語のテキスト")]
        [InlineData("مرحبا")]
        [InlineData("emoji 🎉👩‍👩‍👧 end")]
        [InlineData("")]
        public void NonAsciiContentIsDecoded(string text)
        {
            var e = Assert.IsType<TextEvent>(One("{\"content\":\"" + text + "\",\"type\":\"text\"}"));
            Assert.Equal(text, e.Content);
        }

        [Theory]
        [InlineData(@"\u00e9", "é")]
        [InlineData(@"a\nb\tc\rd", "a\nb\tc\rd")]
        [InlineData(@"q\""q", "q\"q")]
        [InlineData(@"back\\slash", "back\\slash")]
        [InlineData(@"\/path", "/path")]
        [InlineData(@"\b\f", "\b\f")]
        [InlineData(@"\u0000", "\0")]
        [InlineData(@"\ud83c\udf89", "🎉")]
        [InlineData(@"x\uD83D\uDE80y", "x🚀y")]
        public void EscapesAreDecoded(string wire, string expected)
        {
            var e = Assert.IsType<ThinkingDeltaEvent>(One("{\"content\":\"" + wire + "\",\"type\":\"thinking_delta\"}"));
            Assert.Equal(expected, e.Content);
        }

        [Fact]
        public void EscapedPropertyNamesAreRecognised()
        {
            var e = Assert.IsType<ToolCallEvent>(One(@"{""\u0063all_id"":""c"",""na\u006de"":""n"",""argument\u0073"":{""\u00e9"":1},""\u0074ype"":""tool_call""}"));
            Assert.Equal("c", e.CallId);
            Assert.Equal("n", e.Name);
            Assert.Equal(1L, P(e.Arguments, "é"));
        }

        [Fact]
        public void EscapedTypeValueIsRecognised()
        {
            Assert.IsType<TextEvent>(One(@"{""content"":""x"",""type"":""\u0074ext""}"));
            Assert.IsType<ToolResultEvent>(One(@"{""result"":1,""type"":""tool\u005fresult""}"));
            var u = Assert.IsType<UnknownEvent>(One(@"{""type"":""caf\u00e9""}"));
            Assert.Equal("café", u.Type);
        }

        [Fact]
        public void EscapedTypeValueIsMatchedExactlyLikeAnUnescapedOne()
        {
            // "T\u0045XT" is the same string as "TEXT", which is not a wire name (see TypesThatAreNotExactWireNamesAreUnknown).
            var e = One(@"{""content"":""x"",""type"":""T\u0045XT""}");
            Assert.IsType<UnknownEvent>(e);
            Assert.Equal("TEXT", e.Type);
        }

        [Fact]
        public void EscapedTopLevelPropertyNamesAreRecognised()
        {
            var (s, events) = ReadWhole(@"{""session\u005fid"":""ses-é"",""generated_title"":""caf\u00e9 \ud83c\udf89"",""\u0065vents"":[{""content"":""a"",""type"":""text""}]}", null);
            Assert.Equal("ses-é", s.SessionId);
            Assert.Equal("café 🎉", s.GeneratedTitle);
            Assert.Equal("ses-é", Assert.Single(events).SessionId);
        }

        [Fact]
        public void PayloadTextKeepsEscapesExactlyButValuesAreDecoded()
        {
            const string result = @"{""t"":""caf\u00e9 \ud83c\udf89 Grüße"",""\u006b"":""\n""}";
            var e = Assert.IsType<ToolResultEvent>(One(@"{""call_id"":""c"",""name"":""n"",""result"":" + result + @",""type"":""tool_result""}"));
            Assert.Equal(result, e.ResultJson);
            Assert.Equal("café 🎉 Grüße", P(e.Result, "t"));
            Assert.Equal("\n", P(e.Result, "k"));
        }

        [Fact]
        public void UnknownEventRawJsonKeepsNonAsciiAndEscapes()
        {
            const string json = @"{""type"":""note"",""text"":""Ünïcödé \u2603 ☃""}";
            var e = Assert.IsType<UnknownEvent>(One(json));
            Assert.Equal(json, e.RawJson);
            Assert.Equal("Ünïcödé ☃ ☃", P(e.Data, "text"));
        }

        [Fact]
        public void ByteOrderMarkFreeUtf8WithFourByteCharactersSplitAcrossChunks()
        {
            var doc = Utf8("{\"session_id\":\"s\",\"events\":[{\"content\":\"🎉🚀𝄞\",\"type\":\"text\"}]}");
            for (var chunk = 1; chunk <= 8; chunk++)
            {
                var (_, events) = ReadChunked(doc, chunk);
                Assert.Equal("🎉🚀𝄞", Assert.IsType<TextEvent>(Assert.Single(events)).Content);
            }
        }
    }
}

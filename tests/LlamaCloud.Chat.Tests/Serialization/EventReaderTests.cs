using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class EventReaderTests
    {
        [Fact]
        public void UnknownTypeIsKeptWithItsWireTypeAndRawJson()
        {
            const string json = "{\"type\":\"citation\", \"ref\": {\"id\": 7}, \"text\":\"x\"}";
            var e = Assert.IsType<UnknownEvent>(One(json));
            Assert.Equal("citation", e.Type);
            Assert.Equal(json, e.RawJson);
            Assert.Equal(7L, P(P(e.Data, "ref"), "id"));
            Assert.Equal("citation", P(e.Data, "type"));
        }

        [Theory]
        [InlineData("Text")]
        [InlineData("TEXT")]
        [InlineData("unknown")]
        [InlineData("tool-call")]
        [InlineData("")]
        public void TypesThatAreNotExactWireNamesAreUnknown(string type)
        {
            var e = Assert.IsType<UnknownEvent>(One("{\"content\":\"x\",\"type\":\"" + type + "\"}"));
            Assert.Equal(type, e.Type);
        }

        [Fact]
        public void ToolCallIsInferredFromItsShape()
        {
            var e = Assert.IsType<ToolCallEvent>(One(Q("{'call_id':'c1','name':'search','arguments':{'q':1}}")));
            Assert.Equal("tool_call", e.Type);
            Assert.Equal("c1", e.CallId);
            Assert.Equal("search", e.Name);
            Assert.Equal(1L, P(e.Arguments, "q"));
        }

        [Fact]
        public void ToolResultIsInferredFromItsShape()
        {
            var e = Assert.IsType<ToolResultEvent>(One(Q("{'call_id':'c1','name':'search','result':[1,2],'image_attachment':null}")));
            Assert.Equal("tool_result", e.Type);
            Assert.Equal("[1,2]", e.ResultJson);
            Assert.Null(e.ImageAttachment);
        }

        [Fact]
        public void StopIsInferredFromItsShape()
        {
            var e = Assert.IsType<StopEvent>(One(Q("{'is_error':false,'usage':{'turns':1}}")));
            Assert.Equal("stop", e.Type);
            Assert.Equal(1, e.Usage!.Turns);
            Assert.IsType<StopEvent>(One(Q("{'error':'x','is_error':true,'usage':null}")));
        }

        [Fact]
        public void NullTypeIsTreatedAsMissing()
        {
            Assert.IsType<ToolCallEvent>(One(Q("{'call_id':'c','name':'n','arguments':{},'type':null}")));
        }

        [Theory]
        [InlineData("{'content':'x'}")]                                            // fits five content types
        [InlineData("{}")]
        [InlineData("{'call_id':'c','name':'n','arguments':{},'result':1}")]       // call and result at once
        [InlineData("{'call_id':'c','arguments':{}}")]                             // no name
        [InlineData("{'name':'n','result':1}")]                                    // no call_id
        [InlineData("{'call_id':'c','name':'n','arguments':{},'content':'x'}")]
        [InlineData("{'call_id':'c','name':'n','arguments':{},'image_attachment':null}")]
        [InlineData("{'call_id':'c','name':'n','result':1,'usage':{}}")]
        [InlineData("{'is_error':false}")]                                         // stop needs usage too
        [InlineData("{'is_error':false,'usage':{},'name':'n'}")]
        [InlineData("{'something':'else'}")]
        public void AmbiguousOrIncompleteUntypedEventsAreUnknownWithNullType(string json)
        {
            var text = Q(json);
            var e = Assert.IsType<UnknownEvent>(One(text));
            Assert.Null(e.Type);
            Assert.Equal(text, e.RawJson);
        }

        [Fact]
        public void NonStringTypeIsUnknownEvenWhenTheShapeFits()
        {
            var e = Assert.IsType<UnknownEvent>(One(Q("{'call_id':'c','name':'n','arguments':{},'type':5}")));
            Assert.Null(e.Type);
        }

        [Theory]
        [InlineData("'a bare string'")]
        [InlineData("42")]
        [InlineData("-1.5e3")]
        [InlineData("null")]
        [InlineData("true")]
        [InlineData("[]")]
        [InlineData("[1,[2,{'a':3}]]")]
        public void NonObjectArrayElementsAreKeptAsUnknownEvents(string json)
        {
            var text = Q(json);
            var (_, events) = ReadWhole("{\"session_id\":\"s\",\"events\":[{\"content\":\"a\",\"type\":\"text\"}, " + text + " ,{\"content\":\"b\",\"type\":\"text\"}]}");
            Assert.Equal(3, events.Count);
            var u = Assert.IsType<UnknownEvent>(events[1]);
            Assert.Null(u.Type);
            Assert.Equal(text, u.RawJson);
            Assert.Equal(1, u.Index);
            Assert.Equal(2, events[2].Index);
            Assert.Equal("b", ((TextEvent)events[2]).Content);
        }

        [Fact]
        public void ExtraUnknownFieldsOnKnownEventsNeverBreakParsing()
        {
            var (_, events) = ReadWhole(Q(@"{'session_id':'s','events':[
                {'id':1,'content':'a','meta':{'nested':[{'content':'not me','type':'stop'}]},'type':'text','ts':'2026'},
                {'call_id':'c','x':[[[]]],'name':'n','arguments':{'k':'v'},'type':'tool_call','y':null},
                {'call_id':'c','name':'n','result':'r','extra':{'result':'nope'},'type':'tool_result'},
                {'is_error':false,'usage':{'turns':2,'cache_tokens':9},'type':'stop','z':1.5},
                {'content':'d','type':'text_delta','call_id':'stray'}]}"));
            Assert.Equal("a", Assert.IsType<TextEvent>(events[0]).Content);
            var call = Assert.IsType<ToolCallEvent>(events[1]);
            Assert.Equal("{'k':'v'}".Replace('\'', '"'), call.ArgumentsJson);
            Assert.Equal("\"r\"", Assert.IsType<ToolResultEvent>(events[2]).ResultJson);
            Assert.Equal(2, Assert.IsType<StopEvent>(events[3]).Usage!.Turns);
            Assert.Equal("d", Assert.IsType<TextDeltaEvent>(events[4]).Content);
        }

        [Fact]
        public void WrongValueKindsOnKnownEventsDoNotThrow()
        {
            Assert.Equal("42", Assert.IsType<TextEvent>(One(Q("{'content':42,'type':'text'}"))).Content);
            var stop = Assert.IsType<StopEvent>(One(Q("{'error':{'code':1},'is_error':'yes','usage':5,'type':'stop'}")));
            Assert.False(stop.IsError);
            Assert.Null(stop.Usage);
            Assert.Equal(Q("{'code':1}"), stop.Error);
            var usage = Assert.IsType<StopEvent>(One(Q("{'is_error':false,'usage':{'duration_ms':'x','total_input_tokens':1.5,'total_output_tokens':12.0,'turns':[1]},'type':'stop'}"))).Usage!;
            Assert.Null(usage.DurationMs);
            Assert.Null(usage.TotalInputTokens);
            Assert.Equal(12L, usage.TotalOutputTokens);
            Assert.Null(usage.Turns);
            var r = Assert.IsType<ToolResultEvent>(One(Q("{'call_id':1,'name':null,'result':1,'image_attachment':'page.png','type':'tool_result'}")));
            Assert.Equal("1", r.CallId);
            Assert.Null(r.Name);
            Assert.Null(r.ImageAttachment);
        }

        [Fact]
        public void DuplicateFieldsLastWins()
        {
            var e = Assert.IsType<TextEvent>(One(Q("{'content':'first','content':'second','type':'text'}")));
            Assert.Equal("second", e.Content);
        }

        [Theory]
        [InlineData("{'content':null,'type':'text'}")]
        [InlineData("{'type':'text'}")]
        [InlineData("{'content':null,'type':'user_input'}")]
        [InlineData("{'type':'thinking_delta'}")]
        public void ContentNullOrMissingIsNull(string json)
        {
            var e = Assert.IsAssignableFrom<ContentEvent>(One(Q(json)));
            Assert.Null(e.Content);
            Assert.Equal(string.Empty, e.Summary);
        }

        [Fact]
        public void ToolCallWithoutArguments()
        {
            var e = Assert.IsType<ToolCallEvent>(One(Q("{'type':'tool_call'}")));
            Assert.Null(e.CallId);
            Assert.Null(e.Name);
            Assert.Null(e.Arguments);
            Assert.Null(e.ArgumentsJson);
        }

        [Fact]
        public void ToolCallWithNullArguments()
        {
            var e = Assert.IsType<ToolCallEvent>(One(Q("{'call_id':null,'name':null,'arguments':null,'type':'tool_call'}")));
            Assert.Null(e.CallId);
            Assert.Null(e.Name);
            Assert.Null(e.Arguments);
            Assert.Equal("null", e.ArgumentsJson);
        }

        [Fact]
        public void ToolResultWithNullOrMissingResultAndAttachment()
        {
            var n = Assert.IsType<ToolResultEvent>(One(Q("{'call_id':'c','name':'n','result':null,'image_attachment':null,'type':'tool_result'}")));
            Assert.Null(n.Result);
            Assert.Equal("null", n.ResultJson);
            Assert.Null(n.ImageAttachment);

            var m = Assert.IsType<ToolResultEvent>(One(Q("{'type':'tool_result'}")));
            Assert.Null(m.Result);
            Assert.Null(m.ResultJson);
            Assert.Null(m.ImageAttachment);
        }

        [Fact]
        public void ImageAttachmentWithNullOrMissingFields()
        {
            var a = Assert.IsType<ToolResultEvent>(One(Q("{'result':1,'image_attachment':{'attachment_name':null},'type':'tool_result'}"))).ImageAttachment!;
            Assert.Null(a.AttachmentName);
            Assert.Null(a.SourceId);
            var b = Assert.IsType<ToolResultEvent>(One(Q("{'result':1,'image_attachment':{},'type':'tool_result'}"))).ImageAttachment!;
            Assert.Null(b.AttachmentName);
        }

        [Fact]
        public void StopWithNullsAndMissingFields()
        {
            var a = Assert.IsType<StopEvent>(One(Q("{'error':null,'is_error':null,'usage':null,'type':'stop'}")));
            Assert.Null(a.Error);
            Assert.False(a.IsError);
            Assert.Null(a.Usage);
            Assert.Equal(string.Empty, a.Summary);

            var b = Assert.IsType<StopEvent>(One(Q("{'type':'stop'}")));
            Assert.Null(b.Usage);
            Assert.False(b.IsError);

            var u = Assert.IsType<StopEvent>(One(Q("{'is_error':false,'usage':{'duration_ms':null,'total_input_tokens':null,'total_output_tokens':null,'turns':null},'type':'stop'}"))).Usage!;
            Assert.Null(u.DurationMs);
            Assert.Null(u.TotalInputTokens);
            Assert.Null(u.TotalOutputTokens);
            Assert.Null(u.Turns);
            Assert.Equal("in=- out=- turns=- -ms", u.ToString());

            var empty = Assert.IsType<StopEvent>(One(Q("{'is_error':true,'usage':{},'type':'stop'}")));
            Assert.NotNull(empty.Usage);
            Assert.Equal("ERROR: (no message)", empty.Summary);
        }

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
    }
}

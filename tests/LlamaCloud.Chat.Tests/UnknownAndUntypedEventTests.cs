using static LlamaCloud.Chat.Tests.TestUtil;

namespace LlamaCloud.Chat.Tests
{
    public class UnknownAndUntypedEventTests
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
    }
}

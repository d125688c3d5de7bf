using System;
using System.IO;
using System.Text;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Tests.Serialization
{
    public class JsonReindenterTests
    {
        private static string Reindent(string json, int chunk)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            using var ms = new MemoryStream();
            var r = new JsonReindenter(ms);
            for (var i = 0; i < bytes.Length; i += chunk) r.Write(bytes, i, Math.Min(chunk, bytes.Length - i));
            r.Flush();
            return Encoding.UTF8.GetString(ms.ToArray());
        }

        [Theory]
        [InlineData(1)]
        [InlineData(7)]
        [InlineData(4096)]
        public void ReindentsWithoutChangingValuesOrEscapesWhateverTheChunking(int chunk)
        {
            var json = "{\"a\":[1,2.50,{}],\"b\":{\"c\":\"Grüße \\u00e9 \\\" , { [ : \\\\\",\"d\":[]} ,\"e\" : null,\"f\":true,\"g\":-1e+3}";
            var expected = string.Join("\n",
                "{",
                "  \"a\": [",
                "    1,",
                "    2.50,",
                "    {}",
                "  ],",
                "  \"b\": {",
                "    \"c\": \"Grüße \\u00e9 \\\" , { [ : \\\\\",",
                "    \"d\": []",
                "  },",
                "  \"e\": null,",
                "  \"f\": true,",
                "  \"g\": -1e+3",
                "}");
            Assert.Equal(expected, Reindent(json, chunk));
        }

        [Fact]
        public void ReindentingIndentedOutputChangesNothing()
        {
            var once = Reindent("{\"x\":[{\"y\":\"\\n\"}],\"z\":{}}", 3);
            Assert.Equal(once, Reindent(once, 5));
            Assert.Equal("{\"x\":[{\"y\":\"\\n\"}],\"z\":{}}", System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(once).RootElement));
        }
    }
}

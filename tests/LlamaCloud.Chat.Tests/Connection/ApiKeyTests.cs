using System.Security;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Tests.Connection
{
    public class ApiKeyTests
    {
        private static SecureString Secure(string s)
        {
            var ss = new SecureString();
            foreach (var c in s) ss.AppendChar(c);
            ss.MakeReadOnly();
            return ss;
        }

        [Fact]
        public void ToStringIsMasked()
        {
            var fromString = ApiKey.From("llx-secret-123")!;
            var fromSecure = ApiKey.From(Secure("llx-secret-456"))!;
            Assert.Equal("********", fromString.ToString());
            Assert.Equal("********", fromSecure.ToString());
            Assert.DoesNotContain("secret", $"{fromString} {fromSecure}");
        }

        [Fact]
        public void RevealReturnsTheKey()
        {
            Assert.Equal("llx-secret-123", ApiKey.From("llx-secret-123")!.Reveal());
            Assert.Equal("llx-secret-456", ApiKey.From(Secure("llx-secret-456"))!.Reveal());
            Assert.Equal("llx-ünï", ApiKey.From(Secure("llx-ünï"))!.Reveal());
        }

        [Fact]
        public void PlainKeyIsTrimmed()
        {
            Assert.Equal("llx-abc", ApiKey.From("  llx-abc \r\n")!.Reveal());
        }

        [Fact]
        public void SecureKeyIsCopiedSoDisposingTheOriginalDoesNotLoseIt()
        {
            var ss = Secure("llx-copy");
            var key = ApiKey.From(ss)!;
            ss.Dispose();
            Assert.Equal("llx-copy", key.Reveal());
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        public void EmptyKeysAreNull(string? plain)
        {
            Assert.Null(ApiKey.From(plain));
        }

        [Fact]
        public void EmptySecureStringIsNull()
        {
            Assert.Null(ApiKey.From((SecureString?)null));
            Assert.Null(ApiKey.From(new SecureString()));
        }
    }
}

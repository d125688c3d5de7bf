using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Tests.Archive
{
    public class SessionFileNameTests
    {
        [Theory]
        [InlineData("ses-abc123", "ses-abc123.json")]
        [InlineData("ses-A", "ses-^a.json")]
        [InlineData("ses-a", "ses-a.json")]
        [InlineData("CON", "^c^o^n.json")]
        [InlineData("con", "%63on.json")]
        [InlineData("nul.txt", "%6Eul.txt.json")]
        [InlineData("com1", "%63om1.json")]
        [InlineData("lpt9.log", "%6Cpt9.log.json")]
        [InlineData("com10", "com10.json")]
        [InlineData("console", "console.json")]
        [InlineData("a.", "a%2E.json")]
        [InlineData(".hidden", "%2Ehidden.json")]
        [InlineData(".", "%2E.json")]
        [InlineData("..", "%2E%2E.json")]
        [InlineData("../evil", "%2E.%2Fevil.json")]
        [InlineData("a b ", "a%20b%20.json")]
        [InlineData("x<>:\"/\\|?*", "x%3C%3E%3A%22%2F%5C%7C%3F%2A.json")]
        [InlineData("Grüße", "^gr%C3%BC%C3%9Fe.json")]
        [InlineData("tab\there", "tab%09here.json")]
        [InlineData("100%^~", "100%25%5E%7E.json")]
        [InlineData("😀", "%F0%9F%98%80.json")]
        public void NamesAreSafeReadableAndReversible(string id, string expected)
        {
            var name = SessionFileName.For(id);
            Assert.Equal(expected, name);
            Assert.Equal(id, SessionFileName.IdFrom(name));
        }

        [Fact]
        public void IdsThatDifferOnlyInCaseGetNamesThatDifferEvenIgnoringCase()
        {
            var ids = new[] { "ses-A", "ses-a", "SES-a", "Ses-A", "CON", "con", "Con", "nul.txt", "NUL.TXT", "a.", "A.", "é", "É" };
            var names = ids.Select(SessionFileName.For).ToList();
            Assert.Equal(ids.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            // Only lower-case letters outside %XX: folding a name's case changes nothing.
            foreach (var n in names) Assert.Equal(n, FoldOutsideEscapes(n));
        }

        [Fact]
        public void NoNameIsADeviceNameEndsInADotOrSpaceOrHasACharacterInvalidAnywhere()
        {
            var devices = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CON", "PRN", "AUX", "NUL" };
            for (var i = 0; i <= 9; i++) { devices.Add("COM" + i); devices.Add("LPT" + i); }
            var ids = new List<string>();
            foreach (var d in devices) { ids.Add(d); ids.Add(d.ToLowerInvariant()); ids.Add(d.ToLowerInvariant() + ".txt"); ids.Add(d.ToLowerInvariant() + ".tar.gz"); }
            for (var c = 0; c < 128; c++) ids.Add("x" + (char)c + "y");
            ids.AddRange(new[] { "x.", "x ", "x. .", " x", "." });
            foreach (var id in ids)
            {
                var name = SessionFileName.For(id);
                var stem = name.Substring(0, name.IndexOf('.') < 0 ? name.Length : name.IndexOf('.'));
                Assert.DoesNotContain(stem, devices);
                Assert.False(name.EndsWith(".", StringComparison.Ordinal) || name.EndsWith(" ", StringComparison.Ordinal));
                Assert.False(name.StartsWith(".", StringComparison.Ordinal), name);
                Assert.All(name, ch => Assert.True(ch > 32 && ch < 127 && "<>:\"/\\|?*".IndexOf(ch) < 0, $"{id} -> {name}"));
                Assert.Equal(id, SessionFileName.IdFrom(name));
            }
        }

        [Fact]
        public void LongIdsAreCutWithAHashAndStayDistinct()
        {
            var a = new string('é', 150) + "a";
            var b = new string('é', 150) + "b";
            var na = SessionFileName.For(a);
            var nb = SessionFileName.For(b);
            Assert.NotEqual(na, nb);
            Assert.True(na.Length <= SessionFileName.MaxStemLength + 5, na);
            Assert.Matches("~[0-9a-f]{16}\\.json$", na);
            Assert.Equal(na, SessionFileName.For(a)); // stable
            Assert.Null(SessionFileName.IdFrom(na));
        }

        [Theory]
        [InlineData("notes.txt")]
        [InlineData("a%2.json")]
        [InlineData("a^1.json")]
        [InlineData("x~1.json")]
        public void NamesItDoesNotWriteAreNotDecoded(string name)
        {
            Assert.Null(SessionFileName.IdFrom(name));
        }

        private static string FoldOutsideEscapes(string name)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                if (name[i] == '%') { sb.Append(name, i, 3); i += 2; }
                else sb.Append(char.ToLowerInvariant(name[i]));
            }
            return sb.ToString();
        }
    }
}

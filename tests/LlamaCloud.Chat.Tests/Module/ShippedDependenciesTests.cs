using System;
using System.IO;
using System.Reflection;
using LlamaCloud.Chat.Module;

namespace LlamaCloud.Chat.Tests.Module
{
    /// <summary>The .NET Framework dependency resolver's answers: shipped assemblies at their version or lower, nothing else.</summary>
    public sealed class ShippedDependenciesTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "llama-deps-" + Guid.NewGuid().ToString("n"));

        private readonly ShippedDependencies _shipped;

        private readonly AssemblyName _xunit = typeof(Assert).Assembly.GetName();

        public ShippedDependenciesTests()
        {
            Directory.CreateDirectory(_folder);
            // A signed assembly stands in for a shipped dependency; a text file named .dll is no assembly at all.
            File.Copy(typeof(Assert).Assembly.Location, Path.Combine(_folder, Path.GetFileName(typeof(Assert).Assembly.Location)));
            File.WriteAllText(Path.Combine(_folder, "NotAnAssembly.dll"), "text");
            _shipped = new ShippedDependencies(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, true);

        private AssemblyName Request(Version version, byte[]? token = null)
        {
            var name = new AssemblyName(_xunit.Name!) { Version = version };
            name.SetPublicKeyToken(token ?? _xunit.GetPublicKeyToken());
            return name;
        }

        [Fact]
        public void AnswersForAShippedAssemblyAtItsVersionOrLower()
        {
            Assert.Equal(new[] { _xunit.Name! }, _shipped.Names);
            var expected = Path.Combine(_folder, Path.GetFileName(typeof(Assert).Assembly.Location));
            Assert.Equal(expected, _shipped.PathFor(Request(_xunit.Version!), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Equal(expected, _shipped.PathFor(Request(new Version(1, 0, 0, 0)), null, "LlamaCloud.Chat"));
            Assert.Equal(expected, _shipped.PathFor(Request(new Version(1, 0, 0, 0)), _xunit.Name, "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesAHigherVersion()
        {
            var v = _xunit.Version!;
            Assert.Null(_shipped.PathFor(Request(new Version(v.Major, v.Minor, v.Build, v.Revision + 1)), "LlamaCloud.Chat", "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesAnotherPublicKeyToken()
        {
            Assert.Null(_shipped.PathFor(Request(_xunit.Version!, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }), "LlamaCloud.Chat", "LlamaCloud.Chat"));
        }

        [Fact]
        public void RefusesNamesItDoesNotShipAndOtherModulesRequests()
        {
            Assert.Null(_shipped.PathFor(new AssemblyName("NotAnAssembly"), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Null(_shipped.PathFor(new AssemblyName("System.Text.Json"), "LlamaCloud.Chat", "LlamaCloud.Chat"));
            Assert.Null(_shipped.PathFor(Request(_xunit.Version!), "SomeOtherModule", "LlamaCloud.Chat"));
        }
    }
}

using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// Dependency loading. On PowerShell 7 the runtime already carries System.Text.Json (8.0+ from 7.4 on) and its
    /// helpers, and those always win, so the module brings none of its own into play and cannot clash with other
    /// modules. On Windows PowerShell 5.1 (.NET Framework) the module's copies sit in <c>Dependencies/</c>; this
    /// resolver hands them out by simple name, whatever version was asked for, because .NET Framework has no
    /// binding redirects for a module and the packages reference each other at differing versions.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        /// <inheritdoc />
        public void OnImport()
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static bool IsNetFramework =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}

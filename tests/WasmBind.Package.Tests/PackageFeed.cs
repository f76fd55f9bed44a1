using System.Globalization;
using System.Runtime.InteropServices;

namespace WasmBind.Package.Tests;

/// <summary>
/// Packs WasmBind and the WasmBind.Cli tool once per test run into a temporary feed, with a version of this run's own
/// (so no package cache anywhere can hold a stale copy), and makes consumer projects outside the repository that
/// restore from it. Other packages restore from the machine's usual sources; packages already in the user's global
/// folder are reused through a fallback folder, and whatever this run restores goes to its own folder, deleted after.
/// </summary>
public sealed class PackageFeed : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public PackageFeed()
    {
        RepositoryRoot = FindRepositoryRoot();
        Root = Path.Combine(Path.GetTempPath(), "wasmbind-package-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Directory.CreateDirectory(Feed);
        Version = "0.0.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

        foreach (var project in new[] { "src/WasmBind/WasmBind.csproj", "src/WasmBind.Cli/WasmBind.Cli.csproj" })
        {
            // --no-build: the test project references both, so they are built already, in this configuration.
            var pack = DotnetProcess.Dotnet(RepositoryRoot, "pack", project, "-c", Configuration, "--no-build", "-o", Feed,
                "-p:PackageVersion=" + Version, "--tl:off", "-nologo");
            if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed: " + pack);
        }

        // Stops MSBuild's upward search for Directory.Build.* and NuGet's for nuget.config at the consumers' root.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="user" value="{userPackages}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="wasmbind-under-test" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The repository the packages are made from.</summary>
    public string RepositoryRoot { get; }

    /// <summary>A temporary folder outside the repository: the feed, the consumers, their restored packages.</summary>
    public string Root { get; }

    /// <summary>The folder the packages were packed into.</summary>
    public string Feed { get; }

    /// <summary>This run's package version.</summary>
    public string Version { get; }

    /// <summary>The runtime identifier of this machine, for self-contained publishing.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>
    /// Creates a consumer project <paramref name="name"/> from the sources in Consumers/<paramref name="source"/>, with
    /// a reference to WasmBind from the feed and a bundled guest (the PluginHost sample's word-count plugin).
    /// </summary>
    /// <param name="items">More MSBuild items for the project file (e.g. a guest checked against its contract).</param>
    public string CreateConsumer(string name, string source, bool warningsAsErrors = true, string items = "")
    {
        var folder = Path.Combine(Root, name);
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Consumers", source)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        File.Copy(Path.Combine(RepositoryRoot, "samples", "PluginHost", "plugins", "wordcount.wasm"), Path.Combine(folder, "wordcount.wasm"));
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>{(warningsAsErrors ? "true" : "false")}</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="WasmBind" Version="{Version}" />
              </ItemGroup>
              <ItemGroup>
                <None Include="*.wasm" CopyToOutputDirectory="PreserveNewest" />
                {items}
              </ItemGroup>
            </Project>
            """);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file open; the folder is in the temporary directory either way.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WasmBind.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("WasmBind.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace WasmBind.Wasi.FileSystem;

/// <summary>
/// A guest path resolved inside its preopen: every component before the last exists and is a real directory (symbolic
/// links among them were followed and checked), and <see cref="Components"/> spells the result relative to the preopen
/// root with no <c>.</c>, <c>..</c> or links left — so <see cref="HostPath"/> is inside the sandbox.
/// </summary>
internal sealed class ResolvedPath(PreopenRoot root, List<string> components, Node node, bool mustBeDirectory)
{
    public PreopenRoot Root { get; } = root;

    public IReadOnlyList<string> Components { get; } = components;

    public string HostPath { get; } = root.HostPathOf(components);

    /// <summary>The final component, not followed if it is a link the caller asked not to follow.</summary>
    public Node Node { get; } = node;

    /// <summary>The guest path ended with <c>/</c> (or a final link's target did): it must name a directory.</summary>
    public bool MustBeDirectory { get; } = mustBeDirectory;

    /// <summary>It names the preopened directory itself, which the guest may not remove or rename.</summary>
    public bool IsRoot => Components.Count == 0;
}

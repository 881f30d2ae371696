using Stackplan.Core.Model;
using Stackplan.Core.Pricing;

namespace Stackplan.Core.Analysis;

/// <summary>
/// The part of the node bill a set of components answers for: the node lines' cost times the
/// components' share of all CPU requests (DaemonSets counted on every node). Pods run on nodes
/// whose lines belong to no component, so a component compared on its own carries this share.
/// With a varied key that reaches the pods, both the node count and the share are re-sized at
/// each value, so a self-managed component's cost grows with the volume it handles.
/// Not safe to share between threads (it reuses scratch arrays).
/// </summary>
public sealed class NodeShare
{
    private readonly DeploymentModel _model;
    private readonly HashSet<string> _owners;
    private readonly ScenarioEvaluator _nodes;
    private readonly int _slot;
    private readonly decimal[] _values;
    private readonly double[] _fastValues;

    /// <param name="model">The deployment the components run in.</param>
    /// <param name="owners">Component ids whose share is wanted.</param>
    /// <param name="key">The varied usage key, or null for the share at the expected usage.</param>
    public NodeShare(DeploymentModel model, IEnumerable<string> owners, string? key)
    {
        _model = model;
        _owners = owners.ToHashSet(StringComparer.Ordinal);
        _nodes = ScenarioEvaluator.Create(model, key is null ? [] : [key], l => l.Component == "nodes");
        _slot = key is not null && model.SlotOf.TryGetValue(key, out var slot) ? slot : -1;
        _values = model.ValuesAt(1);
        _fastValues = [.. _values.Select(v => (double)v)];
        Expected = Share(_nodes.Constant + (_nodes.DependentLineIds.IsEmpty ? 0m : _nodes.EvaluateExact([ValueOfKey])), _values);
    }

    /// <summary>The share at the expected usage, USD per month.</summary>
    public decimal Expected { get; }

    private decimal ValueOfKey => _slot >= 0 ? _values[_slot] : 0m;

    /// <summary>The share, USD per month, with the varied key at <paramref name="value"/>, rounded to the cent.</summary>
    public decimal At(decimal value)
    {
        var nodeCost = _nodes.EvaluateExact([value]);
        var values = (decimal[])_values.Clone();
        if (_slot >= 0)
        {
            values[_slot] = value;
            _model.Sizer.Apply(values, _model.SizingSlots);
        }

        return Share(nodeCost, values);
    }

    /// <summary>The same in double, for searches.</summary>
    public double AtFast(double value)
    {
        var nodeCost = _nodes.Evaluate([value]);
        var values = _fastValues;
        if (_slot >= 0)
        {
            values[_slot] = value;
            _model.Sizer.Apply(values, _model.SizingSlots);
        }

        var (own, total) = _model.Sizer.CpuRequests(values, _owners.Contains, values[_model.SizingSlots.Nodes]);
        return total <= 0 ? 0 : nodeCost * own / total;
    }

    private decimal Share(decimal nodeCost, decimal[] values)
    {
        var (own, total) = _model.Sizer.CpuRequests(values, _owners.Contains, values[_model.SizingSlots.Nodes]);
        return own == 0m || total == 0m ? 0m : Money.Round(nodeCost * own / total);
    }
}

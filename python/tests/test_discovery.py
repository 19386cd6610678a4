from pathlib import Path

from remotemedia import NodeRegistry, discover_nodes

PLUGINS = str(Path(__file__).parent / "fixtures" / "plugins")


def test_folder_discovery_reports_broken_modules_and_honours_patterns():
    registry = NodeRegistry()
    result = discover_nodes([PLUGINS], exclude_patterns=["skipped_*"], registry=registry)
    assert registry.names() == ["PluginEcho", "PluginLazy"]
    assert [f.module for f in result.failures] == ["broken"]
    assert result.failures[0].error_type == "RuntimeError"
    assert "exploded" in result.failures[0].message


def test_include_patterns_select_modules():
    registry = NodeRegistry()
    result = discover_nodes([PLUGINS], include_patterns=["good_*"], registry=registry)
    assert result.modules == ["good_nodes"]
    assert result.failures == []


def test_package_discovery_by_module_name():
    registry = NodeRegistry()
    discover_nodes(["remotemedia.nodes"], exclude_patterns=["*.text"], registry=registry)
    assert "PyGain" in registry
    assert "PyTextCase" not in registry


def test_missing_module_is_reported():
    result = discover_nodes(["no_such_package_xyz"], registry=NodeRegistry())
    assert result.failures[0].module == "no_such_package_xyz"

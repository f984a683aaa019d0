"""The project's own model classes: a constructor argument that a subclass's method sends.

Plugin-style projects keep the model id in ``self.model_id`` (set by a base class's
``__init__``) and call the hosted API from a subclass method with
``model=self.model_name or self.model_id``; each model is then registered as
``Chat("gpt-4o", vision=True)``. The id reaches the model argument through the
inherited ``__init__`` (also through a pass-through ``__init__(self, *args, **kwargs)``)
and through a ``for`` loop over a literal tuple. A constructor argument that never
reaches a model call stays a plain argument.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recall_scan import everything, hosted, scan

MakeTree = Callable[[dict[str, str | bytes]], Path]

MODELS = (
    "from openai import OpenAI\n"
    "\n"
    "class _Shared:\n"
    "    def __init__(self, model_id, key=None, model_name=None, label=None):\n"
    "        self.model_id = model_id\n"
    "        self.model_name = model_name\n"
    "        self.label = label\n"
    "\n"
    "class Chat(_Shared):\n"
    "    def execute(self, prompt):\n"
    "        client = OpenAI()\n"
    "        print(self.label)\n"
    "        return client.chat.completions.create(\n"
    "            model=self.model_name or self.model_id, messages=[]\n"
    "        )\n"
    "\n"
    "class Completion(Chat):\n"
    "    def __init__(self, *args, default_max_tokens=None, **kwargs):\n"
    "        super().__init__(*args, **kwargs)\n"
    "        self.default_max_tokens = default_max_tokens\n"
)


def test_subclass_of_a_model_class_constructed_with_an_id(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "plug/models.py": MODELS
            + "\n"
            + "def register_models(register):\n"
            + '    register(Chat("gpt-4o", vision=True), aliases=("4o",))\n'
            + '    register(Completion("gpt-3.5-turbo-instruct", default_max_tokens=256))\n'
            + '    for model_id in ("o1", "o1-2024-12-17"):\n'
            + "        register(Chat(model_id))\n"
        }
    )
    names = hosted(scan(root))
    for name in ("gpt-4o", "gpt-3.5-turbo-instruct", "o1", "o1-2024-12-17"):
        assert names.get(name) == {"openai"}, name


def test_constructed_in_another_module(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "plug/models.py": MODELS,
            "plug/hooks.py": (
                "from plug.models import Chat\n\ndef models():\n    return [Chat(model_name='gpt-4-turbo')]\n"
            ),
        }
    )
    assert hosted(scan(root)).get("gpt-4-turbo") == {"openai"}


def test_arguments_that_reach_no_model_call_stay_plain(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "plug/models.py": MODELS
            + "\n"
            + 'a = Chat("my-assistant", label="gpt-4o")\n'
            + 'b = Completion("my-completer", "sk-not-a-model")\n'
            + "\n"
            + "class Other:\n"
            + "    def __init__(self, model_id):\n"
            + "        self.model_id = model_id\n"
            + "\n"
            + "    def show(self):\n"
            + "        print(self.model_id)\n"
            + "\n"
            + 'c = Other("gpt-4")\n'
        }
    )
    found = everything(scan(root))
    assert not {"gpt-4o", "gpt-4", "my-assistant", "my-completer", "sk-not-a-model"} & found

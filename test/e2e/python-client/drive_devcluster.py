"""Drives a Kubernetes API with Debian's python3-kubernetes and prints what it saw as JSON.

Usage: drive_devcluster.py KUBECONFIG NAMESPACE
Run by test/e2e/python-client.test.ts against the devcluster; it uses nothing but the client's
public API, the way a user's script would.
"""
import json
import sys
import threading
import time

from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
ns = sys.argv[2]
core = client.CoreV1Api()
custom = client.CustomObjectsApi()
out = {}


def watch_events(list_func, stop_on, sink, ready, **kwargs):
    w = watch.Watch()
    ready.set()
    for event in w.stream(list_func, timeout_seconds=20, **kwargs):
        obj = event["object"]
        name = obj["metadata"]["name"] if isinstance(obj, dict) else obj.metadata.name
        sink.append([event["type"], name])
        if event["type"] == stop_on:
            w.stop()


# A watch (the client sends watch=True) that must see the ConfigMap's whole life.
cm_events = []
cm_ready = threading.Event()
cm_thread = threading.Thread(target=watch_events, args=(core.list_namespaced_config_map, "DELETED", cm_events, cm_ready),
                             kwargs={"namespace": ns, "label_selector": "from=python"})
cm_thread.start()
cm_ready.wait()
time.sleep(0.5)

cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-config", labels={"from": "python"}), data={"a": "1"})
created = core.create_namespaced_config_map(ns, cm)
out["created"] = {"name": created.metadata.name, "rv": created.metadata.resource_version, "uid": bool(created.metadata.uid)}
patched = core.patch_namespaced_config_map("py-config", ns, {"data": {"b": "2"}})
out["patched"] = patched.data
read = core.read_namespaced_config_map("py-config", ns)
read.data["c"] = "3"
replaced = core.replace_namespaced_config_map("py-config", ns, read)
out["replaced"] = replaced.data
out["listed"] = [i.metadata.name for i in core.list_namespaced_config_map(ns, label_selector="from=python").items]
try:
    core.create_namespaced_config_map(ns, cm)
except client.ApiException as e:
    out["conflict"] = {"status": e.status, "reason": json.loads(e.body)["reason"]}
core.delete_namespaced_config_map("py-config", ns)
cm_thread.join(timeout=20)
out["configmap_events"] = cm_events

# Custom objects: a Rollout through CustomObjectsApi, watched the same way.
ro_events = []
ro_ready = threading.Event()
args = ("argoproj.io", "v1alpha1", ns, "rollouts")
ro_thread = threading.Thread(target=watch_events, args=(custom.list_namespaced_custom_object, "DELETED", ro_events, ro_ready),
                             kwargs={"group": args[0], "version": args[1], "namespace": ns, "plural": args[3]})
ro_thread.start()
ro_ready.wait()
time.sleep(0.5)
rollout = {
    "apiVersion": "argoproj.io/v1alpha1",
    "kind": "Rollout",
    "metadata": {"name": "py-rollout"},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "py-rollout"}},
        "template": {"metadata": {"labels": {"app": "py-rollout"}},
                     "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}},
        "strategy": {"canary": {"steps": [{"setWeight": 50}, {"pause": {}}]}},
    },
}
made = custom.create_namespaced_custom_object(*args, rollout)
out["rollout_created"] = {"name": made["metadata"]["name"], "generation": made["metadata"]["generation"]}
custom.patch_namespaced_custom_object(*args, "py-rollout", {"spec": {"paused": True}})
got = custom.get_namespaced_custom_object(*args, "py-rollout")
out["rollout_patched"] = {"paused": got["spec"].get("paused"), "generation": got["metadata"]["generation"]}
status = custom.patch_namespaced_custom_object_status(*args, "py-rollout", {"status": {"abort": True}})
out["rollout_status"] = status.get("status", {}).get("abort")
out["rollouts_listed"] = [i["metadata"]["name"] for i in custom.list_namespaced_custom_object(*args)["items"]]
custom.delete_namespaced_custom_object(*args, "py-rollout")
ro_thread.join(timeout=20)
out["rollout_events"] = ro_events

review = client.AuthorizationV1Api().create_self_subject_access_review(client.V1SelfSubjectAccessReview(
    spec=client.V1SelfSubjectAccessReviewSpec(resource_attributes=client.V1ResourceAttributes(
        verb="create", group="argoproj.io", resource="rollouts", namespace=ns))))
out["can_create_rollouts"] = review.status.allowed

print(json.dumps(out))

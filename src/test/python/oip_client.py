#!/usr/bin/env python3
"""A client of lenet serve written from the specifications only, in Python's standard library.

Open Inference Protocol (KServe V2) REST: kserve/open-inference-protocol specification/protocol/inference_rest.md.
Binary tensor data: triton-inference-server/server docs/protocol/extension_binary_data.md.
TorchServe's inference API: pytorch/serve docs/inference_api.md.

  oip_client.py BASE_URL MODEL CASES.json

CASES.json: {"images": [{"path": file, "class": expected class, "pixels": 784 grey levels (ink 255) the server
should see for that file, "probabilities": what it should answer}]}. Prints one line per check; exits 1 at the first
that fails.
"""
import base64
import json
import struct
import sys
import urllib.error
import urllib.request

TOLERANCE = 2e-6


def call(base, method, path, body=None, headers=None):
    request = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(condition, what):
    if not condition:
        print("FAILED: " + what)
        sys.exit(1)
    print("ok: " + what)


def get_json(base, path):
    status, _, body = call(base, "GET", path)
    check(status == 200, "GET %s is 200 (%d)" % (path, status))
    return json.loads(body)


def infer(base, model, request, binary=b""):
    """POSTs an inference request; binary data follows the JSON with Inference-Header-Content-Length."""
    header = json.dumps(request).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if binary:
        headers = {"Content-Type": "application/octet-stream", "Inference-Header-Content-Length": str(len(header))}
    status, response_headers, body = call(base, "POST", "/v2/models/%s/infer" % model, header + binary, headers)
    check(status == 200, "infer is 200 (%d: %s)" % (status, body[:200]))
    length = {k.lower(): v for k, v in response_headers.items()}.get("inference-header-content-length")
    if length is None:
        return json.loads(body), b""
    return json.loads(body[: int(length)]), body[int(length):]


def outputs_of(response, binary):
    """The response's outputs by name, the binary ones read from the bytes after the JSON, in order."""
    result, offset = {}, 0
    for output in response["outputs"]:
        size = output.get("parameters", {}).get("binary_data_size")
        if size is None:
            result[output["name"]] = output["data"]
            continue
        chunk = binary[offset: offset + size]
        offset += size
        if output["datatype"] == "FP32":
            result[output["name"]] = list(struct.unpack("<%df" % (size // 4), chunk))
        elif output["datatype"] == "BYTES":
            elements, at = [], 0
            while at < len(chunk):
                (n,) = struct.unpack_from("<I", chunk, at)
                elements.append(chunk[at + 4: at + 4 + n].decode("utf-8"))
                at += 4 + n
            result[output["name"]] = elements
    check(offset == len(binary), "the binary outputs' sizes add up to the bytes after the JSON")
    return result


def close(actual, expected, what):
    worst = max(abs(a - e) for a, e in zip(actual, expected))
    check(len(actual) == len(expected) and worst <= TOLERANCE, "%s: probabilities as expected (worst %.2g)" % (what, worst))


def multipart(field, filename, content):
    boundary = "oip-client-boundary"
    body = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n" % (boundary, field, filename)).encode() + content
    body += ("\r\n--%s--\r\n" % boundary).encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


def main(base, model, cases_file):
    base = base.rstrip("/")
    with open(cases_file) as f:
        cases = json.load(f)["images"]
    files = []
    for case in cases:
        with open(case["path"], "rb") as f:
            files.append(f.read())
    n = len(cases)

    server = get_json(base, "/v2")
    check("binary_tensor_data" in server["extensions"], "server metadata lists binary_tensor_data")
    check(get_json(base, "/v2/health/live") == {"live": True}, "server live")
    check(get_json(base, "/v2/health/ready") == {"ready": True}, "server ready")
    check(get_json(base, "/v2/models/%s/ready" % model) == {"name": model, "ready": True}, "model ready")
    metadata = get_json(base, "/v2/models/" + model)
    tensor_input = next(i for i in metadata["inputs"] if i["datatype"] == "FP32")
    bytes_input = next(i for i in metadata["inputs"] if i["datatype"] == "BYTES")
    fp32_output = next(o for o in metadata["outputs"] if o["datatype"] == "FP32")
    bytes_output = next(o for o in metadata["outputs"] if o["datatype"] == "BYTES")
    check(tensor_input["shape"] == [-1, 1, 28, 28], "the tensor input is [-1, 1, 28, 28]")
    status, _, body = call(base, "GET", "/v2/models/no-such-model")
    check(status == 404 and "error" in json.loads(body), "another model is 404 with an error object")

    grey = [level for case in cases for level in case["pixels"]]
    expected = [p for case in cases for p in case["probabilities"]]
    classes = [case["class"] for case in cases]

    # JSON FP32, nested [N, 1, 28, 28], in the export's scaling (grey/255, ink 1)
    nested = [[[[grey[i * 784 + y * 28 + x] / 255.0 for x in range(28)] for y in range(28)]] for i in range(n)]
    response, binary = infer(base, model, {"id": "fp32-json", "inputs": [
        {"name": tensor_input["name"], "shape": [n, 1, 28, 28], "datatype": "FP32", "data": nested}]})
    check(response["id"] == "fp32-json", "the request's id is echoed")
    out = outputs_of(response, binary)
    close(out[fp32_output["name"]], expected, "JSON FP32")
    check(out[bytes_output["name"]] == classes, "JSON FP32: classes %s" % classes)

    # JSON UINT8, flat [N, 784]
    response, binary = infer(base, model, {"inputs": [
        {"name": tensor_input["name"], "shape": [n, 784], "datatype": "UINT8", "data": grey}],
        "outputs": [{"name": fp32_output["name"]}]})
    out = outputs_of(response, binary)
    check(list(out) == [fp32_output["name"]], "only the output asked for")
    close(out[fp32_output["name"]], expected, "JSON UINT8")

    # binary in and out: FP32 little-endian [N, 28, 28], every output binary
    data = struct.pack("<%df" % len(grey), *[g / 255.0 for g in grey])
    response, binary = infer(base, model, {"parameters": {"binary_data_output": True}, "inputs": [
        {"name": tensor_input["name"], "shape": [n, 28, 28], "datatype": "FP32",
         "parameters": {"binary_data_size": len(data)}}]}, data)
    check(len(binary) > 0, "binary_data_output: the outputs come as binary data")
    out = outputs_of(response, binary)
    close(out[fp32_output["name"]], expected, "binary FP32")
    check(out[bytes_output["name"]] == classes, "binary BYTES output: classes %s" % classes)

    # BYTES image files: base64 strings in JSON, then length-prefixed raw bytes in binary
    response, binary = infer(base, model, {"inputs": [
        {"name": bytes_input["name"], "shape": [n], "datatype": "BYTES",
         "data": [base64.b64encode(f).decode("ascii") for f in files]}]})
    out = outputs_of(response, binary)
    close(out[fp32_output["name"]], expected, "JSON BYTES images")
    check(out[bytes_output["name"]] == classes, "JSON BYTES images: classes")
    data = b"".join(struct.pack("<I", len(f)) + f for f in files)
    response, binary = infer(base, model, {"inputs": [
        {"name": bytes_input["name"], "shape": [n], "datatype": "BYTES", "parameters": {"binary_data_size": len(data)}}],
        "outputs": [{"name": fp32_output["name"], "parameters": {"binary_data": True}}]}, data)
    close(outputs_of(response, binary)[fp32_output["name"]], expected, "binary BYTES images")

    # TorchServe: /ping, curl -T (a PUT of the file), curl -F data=@file (a POST)
    check(get_json(base, "/ping") == {"status": "Healthy"}, "TorchServe ping")
    for i, case in enumerate(cases):
        status, _, body = call(base, "PUT", "/predictions/" + model, files[i])
        check(status == 200, "PUT /predictions/%s is 200" % model)
        top = json.loads(body)
        check(list(top)[0] == case["class"], "/predictions: the first class is %s" % case["class"])
        check(abs(top[case["class"]] - max(case["probabilities"])) <= TOLERANCE, "/predictions: its probability")
        body, headers = multipart("data", "digit.png", files[i])
        status, _, answer = call(base, "POST", "/predictions/%s/1" % model, body, headers)
        check(status == 200 and json.loads(answer) == top, "multipart data to /predictions/%s/1: the same" % model)
    print("all checks passed")


if __name__ == "__main__":
    main(*sys.argv[1:4])

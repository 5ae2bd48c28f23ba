// XML reading over libxml2; contract in cloud/xml.h.
#include "cloud/xml.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

namespace ROCKSDB_NAMESPACE {

namespace {

xmlDocPtr XmlRead(const std::string& xml) {
  if (xml.empty()) return nullptr;
  return xmlReadMemory(
      xml.data(), static_cast<int>(xml.size()), "body.xml", nullptr,
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
}

std::string XmlText(xmlNodePtr n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string out = c ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return out;
}

bool XmlNamed(xmlNodePtr n, const std::string& name) {
  return n->type == XML_ELEMENT_NODE && n->name != nullptr &&
         name == reinterpret_cast<const char*>(n->name);
}

xmlNodePtr XmlFind(xmlNodePtr n, const std::string& name) {
  for (; n != nullptr; n = n->next) {
    if (XmlNamed(n, name)) return n;
    if (xmlNodePtr c = XmlFind(n->children, name)) return c;
  }
  return nullptr;
}

void XmlDescendantTexts(xmlNodePtr n,
                        std::map<std::string, std::string>* fields) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    fields->emplace(reinterpret_cast<const char*>(n->name), XmlText(n));
    XmlDescendantTexts(n->children, fields);
  }
}

void XmlCollect(xmlNodePtr n, const std::string& record, bool deep,
                std::vector<std::map<std::string, std::string>>* out) {
  for (; n != nullptr; n = n->next) {
    if (XmlNamed(n, record)) {
      std::map<std::string, std::string> fields;
      if (deep) {
        XmlDescendantTexts(n->children, &fields);
      } else {
        for (xmlNodePtr c = n->children; c != nullptr; c = c->next) {
          if (c->type == XML_ELEMENT_NODE) {
            fields[reinterpret_cast<const char*>(c->name)] = XmlText(c);
          }
        }
      }
      out->push_back(std::move(fields));
    } else {
      XmlCollect(n->children, record, deep, out);
    }
  }
}

}  // namespace

std::string XmlFirstText(const std::string& xml,
                         const std::string& local_name) {
  xmlDocPtr doc = XmlRead(xml);
  if (doc == nullptr) return "";
  xmlNodePtr n = XmlFind(xmlDocGetRootElement(doc), local_name);
  std::string out = n ? XmlText(n) : "";
  xmlFreeDoc(doc);
  return out;
}

std::vector<std::map<std::string, std::string>> XmlRecords(
    const std::string& xml, const std::string& record) {
  std::vector<std::map<std::string, std::string>> out;
  xmlDocPtr doc = XmlRead(xml);
  if (doc == nullptr) return out;
  XmlCollect(xmlDocGetRootElement(doc), record, false, &out);
  xmlFreeDoc(doc);
  return out;
}

std::vector<std::map<std::string, std::string>> XmlRecordsDeep(
    const std::string& xml, const std::string& record) {
  std::vector<std::map<std::string, std::string>> out;
  xmlDocPtr doc = XmlRead(xml);
  if (doc == nullptr) return out;
  XmlCollect(xmlDocGetRootElement(doc), record, true, &out);
  xmlFreeDoc(doc);
  return out;
}

}  // namespace ROCKSDB_NAMESPACE

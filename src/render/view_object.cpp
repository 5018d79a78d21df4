#include "render/view_object.hpp"

namespace sinmun::render {

nlohmann::json ViewObject(std::initializer_list<ViewMember> members) {
  nlohmann::json object(nlohmann::json::value_t::object);
  auto& map = object.get_ref<nlohmann::json::object_t&>();
  for (const ViewMember& member : members) map.emplace(member.key, std::move(member.value));
  return object;
}

}  // namespace sinmun::render

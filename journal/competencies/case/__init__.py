"""1EdTech CASE 1.1 (Competencies and Academic Standards Exchange) packages of frameworks.

``schema`` checks a CFPackage against 1EdTech's schema, ``identifiers`` gives every exported object a
stable UUID, ``export`` writes a framework version as a CFPackage (issue #18); importing lives beside them.
"""
